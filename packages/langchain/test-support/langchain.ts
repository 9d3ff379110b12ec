// LangChain.js, its fake chat model and zod, re-exported for code that lives outside this
// package and has no LangChain dependency of its own: examples/langchain-exfiltration and
// bench/langchain.bench.ts (neither has a package.json that could declare them, and adding one
// needs a lockfile update). Resolved from here, they are this package's dev dependencies.
export { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';
export { fakeModel } from '@langchain/core/testing';
export { tool } from '@langchain/core/tools';
export { MemorySaver } from '@langchain/langgraph';
export { createAgent, FakeToolCallingModel, initChatModel } from 'langchain';
export { z } from 'zod';
