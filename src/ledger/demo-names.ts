/**
 * Word lists the demo ledger draws its companies, contacts and sales reps from. The names are made up;
 * any likeness to a real company is a coincidence of common words.
 */

/** First words of English company names. */
export const EN_COMPANY_STEMS = [
  'Northwind',
  'Blue Harbor',
  'Redwood',
  'Silver Lake',
  'Granite Peak',
  'Oakridge',
  'Summit',
  'Bright Path',
  'Iron Bridge',
  'Maple Leaf',
  'Crescent',
  'Evergreen',
  'Harborview',
  'Pioneer',
  'Riverstone',
  'Sterling',
  'Westfield',
  'Lakeshore',
  'Copperline',
  'Highgate',
] as const;

/** What English companies do. */
export const EN_COMPANY_TRADES = [
  'Traders',
  'Logistics',
  'Components',
  'Foods',
  'Textiles',
  'Electronics',
  'Packaging',
  'Machinery',
  'Chemicals',
  'Supplies',
] as const;

/** Legal forms of English company names. */
export const EN_COMPANY_FORMS = ['Ltd', 'Inc.', 'LLC', 'GmbH', 'plc', 'Co.'] as const;

/** City prefixes of mainland Chinese company names (Simplified). */
export const ZH_CN_CITIES = [
  '上海',
  '北京',
  '广州',
  '深圳',
  '杭州',
  '苏州',
  '南京',
  '成都',
  '武汉',
  '天津',
] as const;

/** Trade names of mainland Chinese companies (Simplified). */
export const ZH_CN_STEMS = [
  '华联',
  '恒通',
  '鑫达',
  '宏远',
  '金石',
  '瑞丰',
  '永信',
  '东方',
  '海川',
  '中科',
] as const;

/** Business lines with the legal form, Simplified. */
export const ZH_CN_TRADES = [
  '贸易有限公司',
  '电子科技有限公司',
  '物流有限公司',
  '机械制造有限公司',
  '食品有限公司',
  '纺织品有限公司',
  '包装材料有限公司',
  '化工有限公司',
] as const;

/** City prefixes of Taiwanese company names (Traditional). */
export const ZH_TW_CITIES = ['台北', '新竹', '台中', '高雄', '桃園'] as const;

/** Trade names of Taiwanese companies (Traditional). */
export const ZH_TW_STEMS = ['聯華', '鴻達', '國際', '長興', '寶成', '榮豐'] as const;

/** Business lines with the legal form, Traditional. */
export const ZH_TW_TRADES = [
  '貿易股份有限公司',
  '電子股份有限公司',
  '實業有限公司',
  '科技股份有限公司',
] as const;

/** AP contacts at English-speaking customers. */
export const EN_CONTACTS = [
  'Sarah Johnson',
  'Michael Brown',
  'Emily Davis',
  'James Wilson',
  'Olivia Taylor',
  'Daniel Moore',
  'Sophie Martin',
  'Thomas Clark',
  'Laura Schmidt',
  'Peter Hughes',
] as const;

/** AP contacts at mainland customers. */
export const ZH_CN_CONTACTS = ['王芳', '李静', '张伟', '刘洋', '陈敏', '杨丽', '赵磊', '黄婷'] as const;

/** AP contacts at Taiwanese customers. */
export const ZH_TW_CONTACTS = ['林怡君', '陳志明', '黃淑芬', '張家豪', '吳佩珊'] as const;

/** The sales team; every customer has one of them. */
export const SALES_REPS = ['Alice Chen', 'Bob Miller', '李娜', 'David Wong', 'Emma Schulz'] as const;
