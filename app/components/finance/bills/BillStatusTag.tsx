import { STATUS_WORD_CODE } from "~/modules/billing/bill-form";

/** A bill's status word (草稿, 未收款, 部分收款, 已收清, 已红冲, 红字发票) as a tinted tag. */
export function BillStatusTag({ word }: { word: string }) {
  return <span className={`tag bill-${STATUS_WORD_CODE[word] ?? "draft"}`}>{word}</span>;
}
