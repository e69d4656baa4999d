/** A deterministic CRM export of N clients, as Chinese sales teams have them (some Latin names too). */
const SUR = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹'.split('');
const GIV = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华'.split('');
const LATIN = ['John Smith', 'Mary Johnson', 'David Lee', 'Anna Müller', 'Peter Wong', 'Lucy Chen', 'Michael Brown', 'Sarah Davis'];
const REGIONS = ['华东', '华南', '华北', '西南', '东北', '华中', '西北'];
const CITIES = ['上海', '杭州', '南京', '苏州', '广州', '深圳', '北京', '天津', '成都', '重庆', '武汉', '西安', '沈阳'];
const WORDS = ['华东', '恒信', '鑫源', '宏达', '佳美', '天成', '瑞丰', '金桥', '远航', '新世纪', '东方', '长江'];
const KINDS = ['科技', '贸易', '电子', '物流', '制造', '咨询', '医药', '食品'];
const INDUSTRIES = ['制造业', '零售', '物流', '医疗', '金融', '教育', '能源'];
const STREETS = ['中山路', '人民路', '解放路', '建设路', '南京路', '长安街'];

export const CRM_HEADERS = ['客户编号', '客户名称', '联系人', '手机', '邮箱', '区域', '城市', '地址', '行业', '负责人', '年收入', '合作开始日期', '备注'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateCrmRows(n: number, seed = 42): string[][] {
  const r = rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const rows: string[][] = [CRM_HEADERS];
  for (let i = 1; i <= n; i++) {
    const city = pick(CITIES);
    const latin = r() < 0.1;
    const contact = latin ? pick(LATIN) : pick(SUR) + pick(GIV) + (r() < 0.5 ? pick(GIV) : '');
    const phone = `1${3 + Math.floor(r() * 7)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
    rows.push([
      `C${String(i).padStart(6, '0')}`,
      `${city}${pick(WORDS)}${pick(KINDS)}有限公司${i % 7 === 0 ? `第${i % 100}分公司` : ''}`,
      contact,
      r() < 0.5 ? `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}` : phone,
      latin ? `${contact.toLowerCase().replace(/[^a-z]/g, '.')}${i}@example.com` : `user${i}@163.com`,
      pick(REGIONS),
      city,
      `${city}市${pick(STREETS)}${1 + Math.floor(r() * 999)}号${r() < 0.3 ? `${1 + Math.floor(r() * 30)}楼` : ''}`,
      pick(INDUSTRIES),
      pick(SUR) + pick(GIV),
      r() < 0.3 ? `${(r() * 500).toFixed(1)}万` : (r() * 5e6).toFixed(2),
      `${2005 + Math.floor(r() * 19)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
      r() < 0.2 ? '重点客户，需定期回访。Key account, quarterly review.' : '',
    ]);
  }
  return rows;
}
