import { afterEach, vi } from "vitest";

// why: an error logged during a test is a failure nobody would otherwise notice.
const original = console.error;
let logged: unknown[][] = [];
console.error = (...args: unknown[]) => {
  logged.push(args);
  original(...args);
};
afterEach(() => {
  const errors = logged;
  logged = [];
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called: ${String(errors[0][0])}`);
});
