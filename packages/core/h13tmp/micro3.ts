function t(name: string, fn: () => unknown, n = 30000) {
  for (let i = 0; i < n / 4; i++) fn();
  const s = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  console.log(name.padEnd(40), (Number(process.hrtime.bigint() - s) / n).toFixed(0), 'ns');
}
const l = () => {};
t('EventTarget + add', () => { const c = new EventTarget(); c.addEventListener('abort', l); });
t('AC + add', () => { const c = new AbortController(); c.signal.addEventListener('abort', l); });
t('AC + add + abort', () => { const c = new AbortController(); c.signal.addEventListener('abort', l); c.abort(); });
