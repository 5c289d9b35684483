/** The PublishedBenchmarks the routes answer from (parsed once at start-up). */
export const PUBLISHED_BENCHMARKS = Symbol('PUBLISHED_BENCHMARKS');

export const OGL_ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0 (DfE, Education, health and care plans; MoJ/DfE SEND Tribunal appeal rates).';
