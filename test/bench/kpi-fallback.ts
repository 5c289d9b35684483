import { LoadClient } from './http-client.js';
import { ServiceProcess } from './service.js';

export const KPI_HOST_NOTE =
  'the service does not mount the KPI routes and projector yet: they ran in a bench host process (KpisModule over the same database)';

/** Whether the service answers a KPI route (404 means the KPI module is not mounted). */
export async function servesKpis(url: string): Promise<boolean> {
  const client = new LoadClient(url, 1);
  try {
    const answer = await client.request('GET', '/api/v1/las/202/kpis/twenty-week-timeliness');
    return answer.status !== 404;
  } finally {
    client.close();
  }
}

/** The KPI module in its own process over the given database. */
export function startKpiHost(databaseUrl: string): Promise<ServiceProcess> {
  return ServiceProcess.start({ databaseUrl, entry: 'dist/test/bench/kpi-host.js' });
}
