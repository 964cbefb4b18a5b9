// Ids are made by the app (docs/decisions/003-ids.md): 26 characters of Crockford base32,
// 48 bits of milliseconds then 80 random bits, so they sort by creation time, need no
// round trip (no RETURNING, no AUTO_INCREMENT) and never collide across servers.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Within one millisecond the random part counts up from the previous id, so ids made one after
// another in a process sort in the order they were made (the audit trail relies on it).
let lastTime = -1;
let lastRandom = "";

function increment(random: string): string {
  const digits = random.split("");
  for (let i = digits.length - 1; i >= 0; i--) {
    const next = ALPHABET.indexOf(digits[i]) + 1;
    if (next < 32) {
      digits[i] = ALPHABET[next];
      return digits.join("");
    }
    digits[i] = ALPHABET[0];
  }
  return digits.join(""); // 2^80 ids in one millisecond: wraps, still unique in practice
}

export function newId(now: number = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(10);
  let random = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      random += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (now === lastTime) random = increment(lastRandom);
  lastTime = now;
  lastRandom = random;
  return time + random;
}

export function isId(value: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value);
}
