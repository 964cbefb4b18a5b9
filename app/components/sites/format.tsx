/**
 * cm × cm → "m²" with two decimals, truncated rather than rounded, so that an area just under
 * the 10 m² or 2.5 m² boundary never reads as the boundary while its class is the smaller one.
 */
export function formatAreaM2(widthCm: number, heightCm: number): string {
  const cm2 = widthCm * heightCm;
  return `${Math.floor(cm2 / 10_000)}.${String(Math.floor((cm2 % 10_000) / 100)).padStart(2, "0")}`;
}
