import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decision, PolicyIR } from '@preflight/core';
import { createEvidenceRecorder } from '@preflight/core/node';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../run-cli';

async function run(cwd: string, argv: string[], env: Record<string, string> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli({
    argv,
    cwd,
    env: { NO_COLOR: '1', ...env },
    isTTY: false,
    stdout: (l) => stdout.push(l),
    stderr: (l) => stderr.push(l),
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const policy: PolicyIR = {
  version: 'v1',
  rules: [
    {
      id: 1,
      text: 'Do not export customer records unless an authorization token is provided.',
      shape: 'unless-provided',
      violation: { op: 'var', name: 'exports_customer_records' },
      exceptions: [],
    },
    {
      id: 2,
      text: 'Do not send email to an external destination.',
      shape: 'unless-provided',
      violation: { op: 'var', name: 'external_destination' },
      exceptions: [],
    },
  ],
  variables: [],
  lists: [],
  counters: [],
  warnings: [],
};

function decision(index: number): Decision {
  const result = (['SAT', 'UNSAT', 'SAT', 'SATISFIABLE'] as const)[index % 4] as Decision['result'];
  const screenedOut = index % 5 === 4;
  const allowed = screenedOut || result === 'SAT';
  const violations =
    result === 'UNSAT' ? [{ id: 1 + (index % 2), text: policy.rules[index % 2]?.text ?? '' }] : [];
  return {
    id: `receipt-${index}`,
    allowed,
    wouldAllow: allowed,
    mode: 'enforce',
    result: screenedOut ? 'SAT' : result,
    violations,
    unknown: [],
    screenedOut,
    reason: allowed ? 'allowed' : 'blocked by policy',
    action: {
      tool: 'export_records',
      toolCallId: `call-${index}`,
      sessionId: 's1',
      variables: { exports_customer_records: { value: true, provenance: 'arg' } },
      description: `exports_customer_records: true (call ${index})`,
      digest: `sha256:${'1'.repeat(64)}`,
      argsDigest: `sha256:${'2'.repeat(64)}`,
      assignment: {},
    },
    verdicts: [
      {
        engine: index % 3 === 0 ? 'icme' : 'local',
        result,
        violations,
        unknown: [],
        ...(index % 3 === 0 ? { details: { check_id: `c-${index}`, proof_id: `p-${index}` } } : {}),
      },
    ],
    policyHash: `sha256:${'a'.repeat(64)}`,
    timings: { totalMs: 1 },
    createdAt: new Date().toISOString(),
  };
}

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'preflight-cli-evidence-'));
  const recorder = createEvidenceRecorder({ dir: join(cwd, '.preflight/evidence') });
  await recorder.recordPolicyActivated({
    policy,
    policyHash: `sha256:${'a'.repeat(64)}`,
    text: policy.rules.map((r) => `${r.id}. ${r.text}`).join('\n'),
    icmePolicyId: 'icme-1',
  });
  for (let i = 0; i < 40; i++) {
    const d = decision(i);
    d.receipt = await recorder.recordDecision(d, { policy });
    await recorder.recordOutcome(d, { ran: d.allowed, ok: true, durationMs: 2 });
  }
  await recorder.storeProof('p-0', new Uint8Array([0xde, 0xad]));
  await recorder.close();
});

describe('preflight evidence', () => {
  it('verify: summarises a good log (exit 0)', async () => {
    const result = await run(cwd, ['evidence', 'verify', '.preflight/evidence']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ Evidence verified');
    expect(result.stdout).toMatch(/decisions {4}40: SAT \d+ · UNSAT \d+/);
    expect(result.stdout).toContain('time span');
  });

  it('verify: names the first bad entry of a tampered log (exit 1)', async () => {
    const tampered = join(cwd, 'tampered');
    await cp(join(cwd, '.preflight/evidence'), tampered, { recursive: true });
    const lines = (await readFile(join(tampered, 'log.jsonl'), 'utf8')).split('\n');
    lines.splice(5, 1);
    await writeFile(join(tampered, 'log.jsonl'), lines.join('\n'));
    const result = await run(cwd, ['evidence', 'verify', 'tampered', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).failure).toMatchObject({ code: 'SEQUENCE', seq: 5 });
  });

  it('verify: a missing directory is an input error (exit 2)', async () => {
    expect((await run(cwd, ['evidence', 'verify', 'nowhere'])).code).toBe(2);
  });

  it('export: writes the six items, the mapping, metrics and a report; the bundle verifies', async () => {
    const result = await run(cwd, ['evidence', 'export', '--out', 'bundle'], {
      PREFLIGHT_EVIDENCE_DIR: '.preflight/evidence',
    });
    expect(result.code).toBe(0);
    const bundle = join(cwd, 'bundle');
    for (const file of [
      '1-policy/policies.json',
      '1-policy/policy-v1.txt',
      '2-screening/screening.jsonl',
      '3-actions/actions.jsonl',
      '4-results/results.jsonl',
      '5-receipts/receipts.jsonl',
      '5-receipts/proofs.json',
      '5-receipts/proofs/p-0.bin',
      '6-verification/verification-report.json',
      '6-verification/public-keys.json',
      '6-verification/checkpoints.jsonl',
      '6-verification/consistency-proofs.json',
      'iso42001-mapping.md',
      'metrics.json',
      'report.html',
      'manifest.json',
    ]) {
      expect(existsSync(join(bundle, file)), file).toBe(true);
    }
    expect(await readFile(join(bundle, '1-policy/policy-v1.txt'), 'utf8')).toContain(
      '1. Do not export customer records',
    );
    const screening = (await readFile(join(bundle, '2-screening/screening.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(screening).toHaveLength(40);
    expect(screening.filter((s) => !s.inScope)).toHaveLength(8);
    expect(
      (await readFile(join(bundle, '3-actions/actions.jsonl'), 'utf8')).trim().split('\n'),
    ).toHaveLength(32);
    const mapping = await readFile(join(bundle, 'iso42001-mapping.md'), 'utf8');
    for (const control of ['A.6.2.4', 'A.6.2.8', 'A.7', 'A.9.2', 'A.9.3', 'A.10'])
      expect(mapping).toContain(`| ${control} |`);
    expect((await run(cwd, ['evidence', 'verify', 'bundle'])).code).toBe(0);
    await writeFile(join(bundle, '4-results/results.jsonl'), '{}\n');
    const broken = await run(cwd, ['evidence', 'verify', 'bundle', '--json']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).failures[0].code).toBe('BUNDLE_FILE');
  });

  it('export: --since/--until limit the decisions; a bad time is an input error', async () => {
    const future = await run(cwd, [
      'evidence',
      'export',
      '--out',
      'empty',
      '--since',
      '2999-01-01',
    ]);
    expect(future.code).toBe(0);
    expect(await readFile(join(cwd, 'empty/2-screening/screening.jsonl'), 'utf8')).toBe('');
    expect((await run(cwd, ['evidence', 'export', '--out', 'x', '--until', 'soon'])).code).toBe(2);
  });

  it('show: prints one receipt, its signature check and inclusion proof', async () => {
    const result = await run(cwd, ['evidence', 'show', 'receipt-3', '--json']);
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout);
    expect(shown.receipt).toMatchObject({ receiptId: 'receipt-3', kind: 'decision' });
    expect(shown.verification.signatureValid).toBe(true);
    expect(shown.inclusionProof.verified).toBe(true);
    expect(shown.outcome).toMatchObject({ receiptId: 'receipt-3' });
    expect((await run(cwd, ['evidence', 'show', 'missing'])).code).toBe(2);
  });

  it('report.html renders offline in headless Chromium without any network request', async () => {
    const bundle = join(cwd, 'report-bundle');
    expect((await run(cwd, ['evidence', 'export', '--out', 'report-bundle'])).code).toBe(0);
    // A fresh profile per run: no cached state, no first-run or sync traffic.
    const context = await chromium.launchPersistentContext(
      await mkdtemp(join(tmpdir(), 'preflight-chromium-')),
      {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    );
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const url = `file://${join(bundle, 'report.html')}`;
      await page.goto(url, { waitUntil: 'load' });
      expect(await page.title()).toBe('PreFlight evidence report');
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).toContain('Verified: signatures, hash chain');
      expect(text).toContain('A.6.2.8');
      expect(text).toContain('Rule violations per');
      expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('svg rect').count()).toBeGreaterThan(4);
      expect(requests).toEqual([url]);
      const screenshot = join(bundle, 'report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
    } finally {
      await context.close();
    }
  });
});
