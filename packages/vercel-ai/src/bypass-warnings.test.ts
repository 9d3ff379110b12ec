import { dynamicTool, tool } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { supportGuard } from './__fixtures__/support-tools';
import { guardOf, guardTools } from './guard-tools';
import type { GuardWarning } from './guard-tools-options';

describe('guardTools: what it cannot guard is reported, not silently allowed', () => {
  it('warns about tools without execute and provider-executed tools, and keeps them unchanged', async () => {
    const guard = await supportGuard();
    const warnings: GuardWarning[] = [];
    const askUser = tool({
      inputSchema: z.object({ question: z.string() }),
      outputSchema: z.string(),
    });
    const webSearch = {
      type: 'provider' as const,
      id: 'openai.web_search' as const,
      args: {},
      isProviderExecuted: true as const,
      inputSchema: z.object({}),
    };
    const lookup = dynamicTool({ inputSchema: z.object({}), execute: async () => 'ok' });
    const tools = { askUser, webSearch, lookup };
    const guarded = guardTools(tools, guard, { onWarning: (warning) => warnings.push(warning) });
    expect(warnings.map(({ code, toolName }) => [code, toolName])).toEqual([
      ['TOOL_WITHOUT_EXECUTE', 'askUser'],
      ['PROVIDER_EXECUTED_TOOL', 'webSearch'],
    ]);
    expect(guarded.askUser).toBe(askUser);
    expect(guarded.webSearch).toBe(webSearch);
    expect(guarded.lookup).not.toBe(lookup);
    expect(guardOf(guarded.lookup)).toBe(guard);
    expect(guarded.lookup.type).toBe('dynamic');
  });

  it('does not wrap a guarded tool twice with the same guard', async () => {
    const guard = await supportGuard();
    const onWarning = vi.fn();
    const once = guardTools(
      { t: tool({ inputSchema: z.object({}), execute: async () => 1 }) },
      guard,
    );
    const twice = guardTools(once, guard, { onWarning });
    expect(twice.t).toBe(once.t);
    expect(onWarning).toHaveBeenCalledWith(expect.objectContaining({ code: 'ALREADY_GUARDED' }));
  });

  it('warns on the console by default', async () => {
    const guard = await supportGuard();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    guardTools({ ui: tool({ inputSchema: z.object({}), outputSchema: z.string() }) }, guard);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[preflight\] TOOL_WITHOUT_EXECUTE/));
    warn.mockRestore();
  });
});
