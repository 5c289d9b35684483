import type { AtRiskTally, BoardPack, PackFigure, PackHeadline } from './board-pack.js';

/**
 * The board pack as one self-contained, printable HTML document (inline CSS, inline SVG, no script, nothing to
 * fetch): the same markup is shown in the dashboard and printed to PDF by headless Chromium. Every value is escaped.
 * Each trend line is an image with a text alternative, and the monthly figures behind it are in a table.
 */
export function boardPackDocument(pack: BoardPack): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${esc(title(pack))}</title>
<style>${BOARD_PACK_CSS}</style>
</head>
<body>
${boardPackArticle(pack)}
</body>
</html>
`;
}

function title(pack: BoardPack): string {
  return `Board pack: ${pack.la.name} (${pack.la.code}), week ${pack.week}`;
}

/** The pack's content, one `<main>` whose class scopes the stylesheet. */
export function boardPackArticle(pack: BoardPack): string {
  const year = pack.comparatorYear === null ? '' : ` (${pack.comparatorYear})`;
  return `<main class="bp" id="board-pack" data-week="${esc(pack.week)}" data-la="${esc(pack.la.code)}">
<h1>${esc(title(pack))}</h1>
<p class="bp-lead">Week ${esc(pack.week)}: Monday ${esc(pack.weekStart)} to Sunday ${esc(pack.weekEnd)}.
Headline figures are over the 12 months ${esc(pack.from)} to ${esc(pack.to)}, as recorded when this pack was
prepared (${esc(pack.preparedAt.slice(0, 16).replace('T', ' '))} UTC).${pack.la.region === '' ? '' : ` Region: ${esc(pack.la.region)}.`}</p>

<section aria-labelledby="bp-headlines">
<h2 id="bp-headlines">Headline figures and published comparators${esc(year)}</h2>
<table class="bp-table">
<caption>Headline figures over the 12 months to ${esc(pack.to)}, with the LA's own published figure, its region's and England's${esc(year)}</caption>
<thead><tr><th scope="col">Measure</th><th scope="col" class="bp-num">12 months to ${esc(pack.to)}</th><th scope="col" class="bp-num">LA published</th><th scope="col" class="bp-num">Region</th><th scope="col" class="bp-num">England</th><th scope="col">12-month trend</th></tr></thead>
<tbody>
${pack.headlines.map(headlineRow).join('\n')}
</tbody>
</table>
<p class="bp-note">Published comparators are the DfE's figures for the year named (the caseload: plans held at the
following January census). A dash means none is published for the measure. ${esc(pack.licence)}</p>
</section>

<section aria-labelledby="bp-trends">
<h2 id="bp-trends">Month by month</h2>
${trendTable(pack)}
</section>

<section aria-labelledby="bp-at-risk" class="bp-break">
<h2 id="bp-at-risk">Cases at risk on ${esc(pack.atRisk.today)}</h2>
<p>Next statutory deadline passed (overdue) or due within ${pack.atRisk.withinDays} days:
<strong data-at-risk="overdue">${pack.atRisk.overdue}</strong> overdue and
<strong data-at-risk="due-soon">${pack.atRisk.dueSoon}</strong> due soon.</p>
<div class="bp-pair">
${tallyTable('By step', 'Step', pack.atRisk.byStep)}
${tallyTable('By team', 'Team', pack.atRisk.byTeam)}
</div>
</section>

<section aria-labelledby="bp-revisions">
<h2 id="bp-revisions">Revisions since the week was first reported</h2>
${revisions(pack)}
</section>
</main>`;
}

function headlineRow(h: PackHeadline): string {
  const c = h.comparator;
  const cell = (value: number | null | undefined) =>
    `<td class="bp-num">${esc(formatValue(value ?? null, h.kind))}</td>`;
  return `<tr data-measure="${esc(h.measure)}"><th scope="row">${esc(h.title)}</th>
<td class="bp-num bp-figure" data-figure="${esc(h.measure)}">${esc(formatFigure(h.figure, h.kind))}</td>
${cell(c?.la)}${cell(c?.region)}${cell(c?.england)}
<td>${sparkline(h)}</td></tr>`;
}

function trendTable(pack: BoardPack): string {
  const months = pack.headlines[0]?.trend.map((t) => t.month) ?? [];
  return `<table class="bp-table bp-trends">
<caption>Each headline by calendar month, the figures behind the trend lines (the first and last months are the parts inside the 12 months)</caption>
<thead><tr><th scope="col">Measure</th>${months.map((m) => `<th scope="col" class="bp-num">${esc(m)}</th>`).join('')}</tr></thead>
<tbody>
${pack.headlines
  .map(
    (h) =>
      `<tr><th scope="row">${esc(h.title)}</th>${h.trend
        .map((t) => `<td class="bp-num">${esc(formatValue(t.value, h.kind))}</td>`)
        .join('')}</tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
}

function tallyTable(caption: string, key: string, tallies: readonly AtRiskTally[]): string {
  if (tallies.length === 0) return `<p>${esc(caption)}: no case at risk.</p>`;
  return `<table class="bp-table">
<caption>${esc(caption)}</caption>
<thead><tr><th scope="col">${esc(key)}</th><th scope="col" class="bp-num">Overdue</th><th scope="col" class="bp-num">Due soon</th></tr></thead>
<tbody>
${tallies
  .map(
    (t) =>
      `<tr><th scope="row">${esc(t.key)}</th><td class="bp-num">${t.overdue}</td><td class="bp-num">${t.dueSoon}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
}

const ROLLUP_FIGURE_TITLES: Readonly<Record<string, string>> = {
  decisionsWithinSixWeeks: 'Decisions within 6 weeks',
  newPlansIssued: 'New plans issued',
  withinTwentyWeeksIncludingExceptions: 'New plans within 20 weeks, including exceptions',
  withinTwentyWeeksExcludingExceptions: 'New plans within 20 weeks, excluding exceptions',
  annualReviewsDue: 'Annual reviews due',
  annualReviewsHeldOnTime: 'Annual reviews held on time',
  appealsRegistered: 'Appeals registered',
  appealRate: 'Appeal rate (of appealable decisions)',
  dfe2024AppealRate: 'Appeal rate (DfE 2024 method)',
};

function revisions(pack: BoardPack): string {
  const { revisions: issued, changed } = pack.revisions;
  if (issued.length === 0) {
    return `<p>No weekly rollup has been published for ${esc(pack.week)} yet, so nothing has been reported or revised.</p>`;
  }
  const list = `<p>${issued.length === 1 ? 'One revision' : `${issued.length} revisions`}: ${issued
    .map((r) => `revision ${r.revision} on ${esc(r.computedAt.slice(0, 16).replace('T', ' '))} UTC`)
    .join('; ')}.</p>`;
  if (changed.length === 0) {
    return `${list}\n<p>${issued.length === 1 ? 'The week is as first reported.' : 'No headline figure changed.'}</p>`;
  }
  return `${list}
<table class="bp-table">
<caption>Figures that changed between revision 1 (as first reported) and revision ${issued[issued.length - 1]!.revision} (as known now)</caption>
<thead><tr><th scope="col">Figure</th><th scope="col">Period</th><th scope="col" class="bp-num">As first reported</th><th scope="col" class="bp-num">As known now</th></tr></thead>
<tbody>
${changed
  .map((c) => {
    const kind = (c.firstReported ?? c.knownNow)?.denominator === null ? 'count' : 'rate';
    return `<tr><th scope="row">${esc(ROLLUP_FIGURE_TITLES[c.figure] ?? c.figure)}</th><td>${
      c.period === 'thisWeek' ? 'The week' : '12 months to its Sunday'
    }</td><td class="bp-num">${esc(formatFigure(c.firstReported, kind))}</td><td class="bp-num">${esc(
      formatFigure(c.knownNow, kind),
    )}</td></tr>`;
  })
  .join('\n')}
</tbody>
</table>`;
}

const SPARK_WIDTH = 160;
const SPARK_HEIGHT = 36;

/** A trend line with its first and last value in the text alternative; gaps where a month has no figure. */
function sparkline(h: PackHeadline): string {
  const values = h.trend.map((t) => t.value);
  const known = values.filter((v): v is number => v !== null);
  const first = h.trend.find((t) => t.value !== null);
  const last = [...h.trend].reverse().find((t) => t.value !== null);
  const label =
    first === undefined || last === undefined
      ? `${h.title}: no monthly figure in the 12 months`
      : `${h.title}: ${formatValue(first.value, h.kind)} in ${first.month}, ${formatValue(last.value, h.kind)} in ${
          last.month
        }; lowest ${formatValue(Math.min(...known), h.kind)}, highest ${formatValue(Math.max(...known), h.kind)}`;
  const low = h.kind === 'rate' ? 0 : Math.min(...known, 0);
  const high = h.kind === 'rate' ? 1 : Math.max(...known, 1);
  const step = values.length > 1 ? (SPARK_WIDTH - 4) / (values.length - 1) : 0;
  const y = (v: number) => (SPARK_HEIGHT - 2 - ((v - low) / (high - low || 1)) * (SPARK_HEIGHT - 4)).toFixed(1);
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length > 0) segments.push(current.join(' '));
      current = [];
    } else current.push(`${(2 + i * step).toFixed(1)},${y(v)}`);
  });
  if (current.length > 0) segments.push(current.join(' '));
  const lines = segments
    .map((points) =>
      points.includes(' ')
        ? `<polyline points="${points}" fill="none" stroke="#1d70b8" stroke-width="2"/>`
        : `<circle cx="${points.split(',')[0]}" cy="${points.split(',')[1]}" r="2" fill="#1d70b8"/>`,
    )
    .join('');
  return `<svg class="bp-spark" role="img" aria-label="${esc(label)}" width="${SPARK_WIDTH}" height="${SPARK_HEIGHT}" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}"><title>${esc(label)}</title><line x1="0" y1="${SPARK_HEIGHT - 1}" x2="${SPARK_WIDTH}" y2="${SPARK_HEIGHT - 1}" stroke="#b1b4b6"/>${lines}</svg>`;
}

export function formatValue(value: number | null, kind: 'rate' | 'count'): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return kind === 'rate' ? `${(value * 100).toFixed(1)}%` : value.toLocaleString('en-GB');
}

export function formatFigure(figure: PackFigure | null, kind: 'rate' | 'count'): string {
  if (figure === null) return '–';
  if (kind === 'count' || figure.denominator === null) return figure.numerator.toLocaleString('en-GB');
  return `${formatValue(figure.rate, 'rate')} (${figure.numerator.toLocaleString('en-GB')} of ${figure.denominator.toLocaleString('en-GB')})`;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Print-first styling in the GOV.UK palette, scoped to `.bp`: A4 landscape, black on white, 4.5:1 contrast or more. */
export const BOARD_PACK_CSS = `
@page { size: A4 landscape; margin: 12mm; }
.bp { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; background: #fff; font-size: 14px; line-height: 1.35; max-width: 1100px; }
.bp h1 { font-size: 26px; margin: 0 0 8px; }
.bp h2 { font-size: 19px; margin: 18px 0 6px; border-bottom: 2px solid #1d70b8; padding-bottom: 2px; }
.bp-lead, .bp-note { color: #0b0c0c; margin: 4px 0 10px; }
.bp-note { font-size: 12px; }
.bp-table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
.bp-table caption { text-align: left; font-weight: bold; padding: 4px 0; }
.bp-table th, .bp-table td { border-bottom: 1px solid #b1b4b6; padding: 4px 6px; text-align: left; vertical-align: middle; }
.bp-table thead th { border-bottom: 2px solid #0b0c0c; }
.bp-num { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bp-figure { font-weight: bold; }
.bp-trends { font-size: 11px; }
.bp-spark { display: block; }
.bp-pair { display: flex; gap: 24px; align-items: flex-start; }
.bp-pair > * { flex: 1; }
.bp section { break-inside: avoid-page; }
.bp tr { break-inside: avoid; }
@media print { .bp-break { break-before: page; } }
`;
