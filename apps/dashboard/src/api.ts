import { accessToken } from './auth/token.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function headers(accept: string): Record<string, string> {
  const token = accessToken();
  return token === null ? { accept } : { accept, authorization: `Bearer ${token}` };
}

/** GET a JSON answer of the API; a problem+json answer becomes an ApiError with its detail. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: headers('application/json') });
  if (!response.ok) {
    let detail = `HTTP ${response.status}`;
    try {
      const problem = (await response.json()) as { detail?: string; title?: string };
      detail = problem.detail ?? problem.title ?? detail;
    } catch {
      // not JSON: keep the status
    }
    throw new ApiError(response.status, detail);
  }
  return (await response.json()) as T;
}

/** Downloads an export (with the bearer token, which a plain link would not send) and saves it under its name. */
export async function download(path: string, format: 'csv' | 'xlsx'): Promise<void> {
  await downloadFile(`${path}${path.includes('?') ? '&' : '?'}format=${format}`, `export.${format}`);
}

/** GET the text of an answer in another type than JSON (e.g. the board pack's printable HTML). */
export async function getText(path: string, accept: string): Promise<string> {
  const response = await fetch(path, { headers: headers(accept) });
  if (!response.ok) throw new ApiError(response.status, await problemDetail(response));
  return response.text();
}

async function problemDetail(response: Response): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: string; title?: string };
    return problem.detail ?? problem.title ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/** Saves the answer of an API route as a file, named as the service names it (or `fallback`). */
export async function downloadFile(url: string, fallback: string): Promise<void> {
  const response = await fetch(url, { headers: headers('*/*') });
  if (!response.ok) throw new ApiError(response.status, `download failed: ${await problemDetail(response)}`);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
