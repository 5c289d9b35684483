export type { Cell, Table } from './table.js';
export { csvStream } from './csv.js';
export { xlsxStream } from './xlsx.js';
export { chooseFormat, CSV_TYPE, XLSX_TYPE, type ExportFormat } from './negotiate.js';
export { Exportable, Exporting, type ToTable } from './export.interceptor.js';
export { kpiTable } from './kpi-table.js';
export { atRiskTable } from './at-risk-table.js';
export { flatTable } from './flat-table.js';
export { SEN2_COLUMNS, columnName } from './sen2-columns.js';
