function t(name: string, fn: () => unknown, n = 50000) {
  for (let i = 0; i < n / 4; i++) fn();
  const s = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  console.log(name.padEnd(40), (Number(process.hrtime.bigint() - s) / n).toFixed(0), 'ns');
}
const l = () => {};
const keep: unknown[] = [];
t('new AbortController kept', () => { keep.push(new AbortController()); if (keep.length > 1000) keep.length = 0; });
t('AC + add', () => { const c = new AbortController(); c.signal.addEventListener('abort', l); });
t('AC + add/remove', () => { const c = new AbortController(); c.signal.addEventListener('abort', l); c.signal.removeEventListener('abort', l); });
t('AC + add once/remove', () => { const c = new AbortController(); c.signal.addEventListener('abort', l, { once: true }); c.signal.removeEventListener('abort', l); });
const c0 = new AbortController();
t('same signal add/remove', () => { c0.signal.addEventListener('abort', l); c0.signal.removeEventListener('abort', l); });
t('AbortSignal.any 2', () => AbortSignal.any([c0.signal, new AbortController().signal]));
