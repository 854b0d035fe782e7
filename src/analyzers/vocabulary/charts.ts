import { VEGA_LITE_SCHEMA, type ChartSpec } from '../../report/chart-spec.js';
import type { ReportCore } from '../../report/core-schema.js';
import type { VocabularySection } from './schema.js';

/** Share of token occurrences covered by the top-k ids. */
export function vocabularyChart(vocabulary: VocabularySection, report: ReportCore): ChartSpec {
  return {
    file: 'vocabulary-coverage.svg',
    title: 'Vocabulary coverage curve',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `Share of token occurrences covered by the top-k ids — ${report.name}`,
      width: 480,
      height: 240,
      data: { values: vocabulary.coverageCurve },
      mark: { type: 'line' },
      encoding: {
        x: { field: 'k', type: 'quantitative', scale: { type: 'log' }, title: 'k most frequent ids (log)' },
        y: { field: 'share', type: 'quantitative', title: 'share of occurrences', axis: { format: '%' }, scale: { domain: [0, 1] } },
      },
    },
  };
}
