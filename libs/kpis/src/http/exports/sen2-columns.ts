/**
 * Column names of the exports where the DfE SEN2 return has a field for the same thing; anything else keeps the
 * API's own name.
 */
export const SEN2_COLUMNS: Readonly<Record<string, string>> = {
  la: 'LA',
  requestSource: 'RequestSource',
  primaryNeed: 'SENtype',
  birthMonth: 'PersonBirthDate',
};

export function columnName(apiName: string): string {
  return SEN2_COLUMNS[apiName] ?? apiName;
}
