// The tax bureau's bulk-issue template for 数电发票 (电子税务局 → 开票业务 → 批量开具) as data.
// The bureau versions this workbook (columns added, renamed, reordered); a new version is a new
// entry below, never a code change: the exporter writes whatever columns a template lists, each
// filled from the field its key names. Row 1 holds the sheet's notes, row 2 each column's
// constraint, row 3 the headers, data starts on row 4. Pure.

/** Invoice-level fields the exporter can fill (sheet "1-发票基本信息", one row per bill). */
export type InvoiceField =
  | "serial" // 发票流水号: our bill number, e.g. ZD2026-000123; ties export and result import together
  | "invoiceKind" // 发票类型, in the template's own words (labels.invoiceKind)
  | "includesTax" // 是否含税: labels.yes when every amount on sheet 2 includes VAT
  | "naturalPerson" // 受票方自然人标识: labels.yes for an individual buyer
  | "buyerName"
  | "buyerTaxId"
  | "buyerAddress"
  | "buyerPhone"
  | "buyerAddressPhone" // address and phone in one cell, as copied onto the bill on issue
  | "buyerBank"
  | "buyerAccount"
  | "buyerBankAccount" // bank and account in one cell, as copied onto the bill on issue
  | "showBuyerContact" // labels.showBuyerContact when the bill has an address, phone or bank to print
  | "sellerBank" // the center's own bank, from the center profile
  | "sellerAccount"
  | "remark" // 备注: the bill's notes
  | "netAmount" // 金额合计 (元)
  | "taxAmount" // 税额合计 (元)
  | "totalAmount"; // 价税合计 (元)

/** Line-level fields (sheet "2-发票明细信息", one row per bill line, keyed by 发票流水号). */
export type LineField =
  | "serial"
  | "lineNo" // 1, 2, … within the bill
  | "itemName" // *简称*品名, e.g. *广告服务*广告发布费
  | "itemPlainName" // 品名 only, for a version that adds the *简称* itself from the tax code
  | "taxCode" // 商品和服务税收分类编码, 19 digits
  | "spec" // 规格型号: none kept for services, left empty
  | "unit" // 单位: none kept for services, left empty
  | "description" // the line's own description
  | "quantity"
  | "unitPrice" // amount ÷ quantity, with or without VAT as 是否含税 says
  | "amount" // 金额 (元): with VAT when the invoice row says 是否含税 = 是, else without
  | "rate" // 税率 as a fraction: 0.06
  | "tax"; // 税额 (元)

export interface TemplateColumn<K extends string> {
  header: string;
  /** The field that fills the column; null for a column we leave empty (the platform's default). */
  key: K | null;
  /** Row 2 text: the bureau's constraint for the column. */
  constraint: string;
  width: number;
  /** "@" keeps codes and ids as text when someone edits the file; "0.00" for amounts. */
  numFmt?: string;
  /** Checked before export: true always, "special" on 增值税专用发票 only. */
  required?: true | "special";
}

export interface TemplateSheet<K extends string> {
  name: string;
  /** Row 1. */
  notes: string;
  columns: readonly TemplateColumn<K>[];
}

/** A sheet the platform expects but we never fill (e.g. its version marker), copied as is. */
export interface StaticSheet {
  name: string;
  hidden?: boolean;
  rows: readonly { row: number; cells: readonly string[] }[];
}

export interface TaxPlatformTemplate {
  version: string;
  invoiceSheet: TemplateSheet<InvoiceField>;
  lineSheet: TemplateSheet<LineField>;
  /** Written after the two data sheets, in this order. */
  staticSheets: readonly StaticSheet[];
  /** The words the template's drop-downs accept. */
  labels: {
    invoiceKind: { special: string; ordinary: string };
    yes: string;
    no: string;
    showBuyerContact: string;
  };
}

const REQUIRED = (limit: number) => `必填\n（限${limit}字符）`;
const OPTIONAL = (limit: number) => `非必填\n（限${limit}字符）`;
const CONDITIONAL = (limit: number) => `有条件必填\n（限${limit}字符）`;
const MONEY = "0.00";
const TEXT = "@";

const blank = (header: string, constraint = "非必填", width = 14): TemplateColumn<never> => ({ header, key: null, constraint, width });

/**
 * Version V260401 (pt:20260401): 39 columns on sheet 1, 14 on sheet 2, a hidden version sheet.
 * Compare with the blank template downloaded from the platform when the bureau announces a new one.
 */
export const TEMPLATE_V260401: TaxPlatformTemplate = {
  version: "V260401",
  invoiceSheet: {
    name: "1-发票基本信息",
    notes:
      "填写说明：每行一张发票，发票流水号为本系统账单编号，与“2-发票明细信息”中的明细通过发票流水号关联；" +
      "仅含已开具的蓝字账单，红字发票请在电子税务局通过红字发票确认信息办理。",
    columns: [
      { header: "发票流水号", key: "serial", constraint: REQUIRED(20), width: 18, numFmt: TEXT, required: true },
      { header: "发票类型", key: "invoiceKind", constraint: REQUIRED(10), width: 16, required: true },
      blank("特定业务类型"),
      { header: "是否含税", key: "includesTax", constraint: "必填（是/否）\n（限2字符）", width: 10, required: true },
      { header: "受票方自然人标识", key: "naturalPerson", constraint: "非必填（是/否）\n（限2字符）", width: 12 },
      { header: "购买方名称", key: "buyerName", constraint: REQUIRED(100), width: 30, required: true },
      { header: "购买方纳税人识别号", key: "buyerTaxId", constraint: "专票必填\n（限20字符）", width: 22, numFmt: TEXT, required: "special" },
      blank("购买方证件类型"),
      blank("购买方证件号码"),
      blank("购买方国籍（或地区）"),
      { header: "购买方地址", key: "buyerAddress", constraint: CONDITIONAL(100), width: 30, required: "special" },
      blank("购买方所在地区（报废产品收购必填）", "有条件必填"),
      blank("购买方所在地区（报废产品收购必填）", "有条件必填"),
      blank("购买方所在地区（报废产品收购必填）", "有条件必填"),
      blank("购买方所在地区（报废产品收购必填）", "有条件必填"),
      blank("购买方详细地址（报废产品收购必填）", "有条件必填"),
      { header: "购买方电话", key: "buyerPhone", constraint: CONDITIONAL(50), width: 16, numFmt: TEXT, required: "special" },
      { header: "购买方开户银行", key: "buyerBank", constraint: OPTIONAL(100), width: 24, required: "special" },
      { header: "购买方银行账号", key: "buyerAccount", constraint: OPTIONAL(100), width: 24, numFmt: TEXT, required: "special" },
      { header: "是否展示购买方地址电话银行账号", key: "showBuyerContact", constraint: OPTIONAL(20), width: 20 },
      blank("是否开具涉税专业服务发票品目"),
      blank("涉税专业服务协议编号"),
      { header: "备注", key: "remark", constraint: OPTIONAL(230), width: 30 },
      blank("报废产品销售类型", "有条件必填"),
      blank("每千克煤炭发热量"),
      blank("干基全硫"),
      blank("干燥无灰基挥发分"),
      { header: "销售方开户行", key: "sellerBank", constraint: OPTIONAL(100), width: 24 },
      { header: "销售方银行账号", key: "sellerAccount", constraint: OPTIONAL(60), width: 24, numFmt: TEXT },
      blank("是否展示销售方地址电话银行账号"),
      blank("购买方邮箱", OPTIONAL(72)),
      blank("购买方经办人姓名"),
      blank("购买方经办人证件类型"),
      blank("购买方经办人证件号码"),
      blank("经办人国籍(地区)"),
      blank("经办人自然人纳税人识别号"),
      blank("放弃享受减按1%征收率原因"),
      blank("收款人"),
      blank("复核人"),
    ],
  },
  lineSheet: {
    name: "2-发票明细信息",
    notes: "填写说明：每行一条发票明细，按发票流水号关联“1-发票基本信息”；金额是否含税以对应发票的“是否含税”为准，金额保留两位小数。",
    columns: [
      { header: "发票流水号", key: "serial", constraint: REQUIRED(20), width: 18, numFmt: TEXT, required: true },
      { header: "项目名称", key: "itemName", constraint: REQUIRED(100), width: 30, required: true },
      { header: "商品和服务税收编码", key: "taxCode", constraint: REQUIRED(20), width: 22, numFmt: TEXT, required: true },
      { header: "规格型号", key: "spec", constraint: OPTIONAL(150), width: 14 },
      { header: "单位", key: "unit", constraint: OPTIONAL(20), width: 8 },
      { header: "数量", key: "quantity", constraint: "非必填\n（数字）", width: 8 },
      { header: "单价", key: "unitPrice", constraint: "非必填\n（数字）", width: 14 },
      { header: "金额", key: "amount", constraint: "必填\n（限16字符）\n保留两位小数", width: 14, numFmt: MONEY, required: true },
      { header: "税率", key: "rate", constraint: REQUIRED(8), width: 8, required: true },
      blank("折扣金额"),
      blank("是否使用优惠政策"),
      blank("优惠政策类型"),
      blank("即征即退类型"),
      blank("煤炭种类"),
    ],
  },
  staticSheets: [
    { name: "3-特定业务信息", rows: [{ row: 1, cells: ["特定业务信息：本单位业务无需填写。"] }, { row: 3, cells: ["发票流水号"] }] },
    { name: "4-附加要素信息", rows: [{ row: 1, cells: ["附加要素信息：本单位业务无需填写。"] }, { row: 3, cells: ["发票流水号", "附加要素名称", "附加要素内容"] }] },
    { name: "excelVersion", hidden: true, rows: [{ row: 4, cells: ["pt:20260401"] }] },
  ],
  labels: {
    invoiceKind: { special: "增值税专用发票", ordinary: "普通发票" },
    yes: "是",
    no: "否",
    showBuyerContact: "展示地址、电话、开户银行及银行账号",
  },
};

/** Every version we can write, newest first; the first is what the export uses by default. */
export const TAX_PLATFORM_TEMPLATES: readonly TaxPlatformTemplate[] = [TEMPLATE_V260401];

export const CURRENT_TEMPLATE: TaxPlatformTemplate = TAX_PLATFORM_TEMPLATES[0];

export function templateByVersion(version: string): TaxPlatformTemplate | null {
  return TAX_PLATFORM_TEMPLATES.find((t) => t.version === version) ?? null;
}

/** The text the export screen shows next to its button. */
export const EXPORT_NOTE =
  "导出所选已开具的蓝字账单，生成电子税务局“批量开具”模板（发票流水号即账单编号）。" +
  "红字账单不在此导出：请在电子税务局通过“红字发票确认信息”办理冲红，开具后把红字发票号码登记到对应的红字账单上。" +
  "已登记数电发票号码的账单不能再次导出，以免重复开票。";
