import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { mockServer } from "../mocks/server";

// why: msw stands in for every outside HTTP service; an unplanned request is an error.
beforeAll(() => mockServer.listen({ onUnhandledRequest: "error" }));
afterAll(() => mockServer.close());

// why: an error logged during a test is a failure nobody would otherwise notice.
const original = console.error;
let logged: unknown[][] = [];
console.error = (...args: unknown[]) => {
  logged.push(args);
  original(...args);
};
afterEach(() => {
  mockServer.resetHandlers();
  const errors = logged;
  logged = [];
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called: ${String(errors[0][0])}`);
});
