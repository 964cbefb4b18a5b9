// Builders for one generated row's fields: names, codes, phones, addresses.
import type { ClientKind } from "../../db/schema";
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from "../../app/utils/credit-code";
import type { Rng } from "./rng";
import { PROVINCE, TOWNS, WORDS, INDUSTRIES, COMPANY_SUFFIXES, BUREAUS, TOWN_OFFICES, COUNTY_INSTITUTIONS, WORD_INSTITUTIONS, TOWN_INSTITUTIONS, AGENCY_TYPES, SHOPS, SURNAMES, GIVEN_NAMES, ROADS } from "./words";

export interface CenterPlace {
  county: string;
  code: string;
  region: string; // 6-digit administrative division code
  areaCode: string; // telephone area code
}

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

export function clientName(rng: Rng, kind: ClientKind, place: CenterPlace, town: string): string {
  const { county } = place;
  switch (kind) {
    case "enterprise": {
      const body = rng.pick(WORDS) + rng.pick(INDUSTRIES) + rng.weighted(COMPANY_SUFFIXES);
      const r = rng.float();
      return r < 0.45 ? county + body : r < 0.6 ? PROVINCE + body : body;
    }
    case "government": {
      const r = rng.float();
      if (r < 0.3) return county + rng.pick(BUREAUS);
      if (r < 0.45) return `${county}${town}镇${rng.pick(TOWN_OFFICES)}`;
      if (r < 0.7) return `${town}镇${rng.pick(TOWN_OFFICES)}`;
      return `${town}镇${rng.pick(WORDS)}村村民委员会`;
    }
    case "institution": {
      const r = rng.float();
      if (r < 0.3) return county + rng.pick(COUNTY_INSTITUTIONS);
      if (r < 0.6) return `${town}镇${rng.pick(TOWN_INSTITUTIONS)}`;
      return county + rng.pick(WORDS) + rng.pick(WORD_INSTITUTIONS);
    }
    case "agency": {
      const body = rng.pick(WORDS) + rng.pick(AGENCY_TYPES) + (rng.chance(0.85) ? "有限公司" : "工作室");
      const r = rng.float();
      return r < 0.3 ? county + body : r < 0.5 ? PROVINCE + body : body;
    }
    case "individual": {
      const r = rng.float();
      if (r < 0.5) return `${county}${town}镇${rng.pick(SURNAMES)}记${rng.pick(SHOPS)}`;
      if (r < 0.8) return `${town}${rng.pick(WORDS)}${rng.pick(SHOPS)}（个体）`;
      return personName(rng);
    }
  }
}

export function creditCode(rng: Rng, kind: ClientKind | "center", region: string): string {
  const head = kind === "government" ? "11" : kind === "institution" || kind === "center" ? "12" : "91";
  let org = head === "91" ? "MA" : "MB";
  for (let i = 0; i < 7; i++) org += CREDIT_CODE_ALPHABET[rng.int(CREDIT_CODE_ALPHABET.length)];
  const body = head + region + org;
  return body + creditCodeCheckChar(body);
}

export function mobile(rng: Rng): string {
  return "1" + rng.pick(["3", "5", "7", "8", "9"]) + rng.digits(9);
}

export function landline(rng: Rng, place: CenterPlace): string {
  return `${place.areaCode}-8${rng.digits(7)}`;
}

export function bankName(rng: Rng, place: CenterPlace): string {
  const county = place.county;
  return rng.pick([
    `${county}农商银行${rng.pick(TOWNS)}支行`,
    `中国工商银行${county}支行`,
    `中国农业银行${county}支行`,
    `中国建设银行${county}支行`,
    `中国银行${county}支行`,
    `中国邮政储蓄银行${county}支行`,
  ]);
}

export function address(rng: Rng, place: CenterPlace, town: string): string {
  return `${place.county}${town}镇${rng.pick(ROADS)}路${1 + rng.int(300)}号`;
}

export const BASE_MS = Date.UTC(2026, 0, 5, 1, 0, 0);
