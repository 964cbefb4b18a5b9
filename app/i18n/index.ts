import { type MessageKey, zh } from "./zh";

export type { MessageKey };

/** Look up a UI message and fill its {placeholders}. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const template: string = zh[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** For keys built from data (a role, a client kind); falls back to the raw value. */
export function tKey(prefix: string, value: string): string {
  const key = `${prefix}.${value}` as MessageKey;
  return key in zh ? zh[key] : value;
}
