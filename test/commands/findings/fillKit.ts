/**
 * A check workbook (`monthly --xlsx`) filled in as a team returns it, with exceljs as Excel would,
 * for the findings end-to-end tests.
 */
import ExcelJS from 'exceljs';

/**
 * Reads the check workbook `from`, marks every household row (a numeric 户编号 under the header; not
 * the signature line) checked by 张三 on `month`-05, 无问题 except the `planted` ones (by their place
 * among the households, sheet then row): 有问题 with [问题类别, 问题描述]. Writes it to `to`; returns the
 * households in that order.
 */
export async function fillCheckWorkbook(
  from: string,
  to: string,
  month: string,
  planted: ReadonlyMap<number, readonly string[]>,
): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(from);
  const villages = workbook.worksheets.slice(1);
  const header = (villages[0]!.getRow(2).values as string[]).slice(1);
  const column = (name: string) => header.indexOf(name) + 1;
  const ids: string[] = [];
  for (const sheet of villages)
    sheet.eachRow((row, number) => {
      const id = row.getCell(column('户编号')).value;
      if (number <= 2 || typeof id !== 'string' || !/^[0-9]+$/.test(id)) return; // not the signature line
      const problem = planted.get(ids.length);
      row.getCell(column('核查结果')).value = problem === undefined ? '无问题' : '有问题';
      if (problem !== undefined) {
        row.getCell(column('问题类别')).value = problem[0]!;
        row.getCell(column('问题描述')).value = problem[1]!;
      }
      row.getCell(column('核查人')).value = '张三';
      row.getCell(column('核查日期')).value = `${month}-05`;
      ids.push(id);
    });
  await workbook.xlsx.writeFile(to);
  return ids;
}
