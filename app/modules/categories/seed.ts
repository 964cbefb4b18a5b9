// The two-level revenue category tree of DOMAIN.md, as every new center starts with it.
// MONEY: VAT item codes are data; finance checks and edits them (3040303… advertising
// publication, 30402… information-technology services). Empty means "not set yet".
import type { ReportGroup } from "~db/schema";

export interface CategorySeed {
  code: string;
  name: string;
  group: ReportGroup;
  cultureFee: boolean;
  earned: boolean;
  vatItemCode: string;
  children?: Omit<CategorySeed, "group" | "children">[];
}

const AD = "3040303000000000000";
const IT = "3040201000000000000";
// Defaults from the seeded code table (settings-seed.ts); a center changes them under 收入类别.
// 政府购买服务 and 其他 are ways of paying, not kinds of service: each center picks their code.
const IT_VALUE_ADDED = "3040205000000000000";
const DESIGN = "3040301000000000000";
const EXHIBITION = "3040302000000000000";

export const CATEGORY_TREE: CategorySeed[] = [
  {
    code: "traditional", name: "传统媒体广告", group: "traditional_media", cultureFee: true, earned: true, vatItemCode: AD,
    children: [
      { code: "traditional.tv", name: "电视", cultureFee: true, earned: true, vatItemCode: AD },
      { code: "traditional.radio", name: "广播", cultureFee: true, earned: true, vatItemCode: AD },
      { code: "traditional.newspaper", name: "报纸", cultureFee: true, earned: true, vatItemCode: AD },
    ],
  },
  {
    code: "new_media", name: "新媒体广告", group: "new_media", cultureFee: true, earned: true, vatItemCode: AD,
    children: [
      { code: "new_media.app", name: "客户端", cultureFee: true, earned: true, vatItemCode: AD },
      { code: "new_media.wechat", name: "公众号/视频号", cultureFee: true, earned: true, vatItemCode: AD },
      { code: "new_media.short_video", name: "短视频", cultureFee: true, earned: true, vatItemCode: AD },
    ],
  },
  {
    code: "outdoor", name: "户外广告", group: "outdoor", cultureFee: true, earned: true, vatItemCode: AD,
    children: [
      { code: "outdoor.static", name: "静态户外", cultureFee: true, earned: true, vatItemCode: AD },
      { code: "outdoor.led", name: "LED屏", cultureFee: true, earned: true, vatItemCode: AD },
    ],
  },
  {
    code: "tech", name: "技术服务", group: "tech_service", cultureFee: false, earned: true, vatItemCode: IT,
    children: [
      { code: "tech.app_dev", name: "客户端开发", cultureFee: false, earned: true, vatItemCode: IT },
      { code: "tech.ops", name: "系统运维", cultureFee: false, earned: true, vatItemCode: "3040203000000000000" },
      { code: "tech.live", name: "直播服务", cultureFee: false, earned: true, vatItemCode: IT_VALUE_ADDED },
      { code: "tech.video", name: "视频制作", cultureFee: false, earned: true, vatItemCode: DESIGN },
      { code: "tech.integration", name: "系统集成", cultureFee: false, earned: true, vatItemCode: "3040202000000000000" },
      { code: "tech.operation", name: "代运营", cultureFee: false, earned: true, vatItemCode: IT_VALUE_ADDED },
    ],
  },
  { code: "event", name: "活动策划执行", group: "event", cultureFee: false, earned: true, vatItemCode: EXHIBITION },
  { code: "gov_service", name: "政府购买服务", group: "gov_service", cultureFee: false, earned: true, vatItemCode: "" },
  { code: "other", name: "文创电商/其他", group: "other", cultureFee: false, earned: true, vatItemCode: "" },
  { code: "subsidy", name: "财政补助", group: "subsidy", cultureFee: false, earned: false, vatItemCode: "" },
];
