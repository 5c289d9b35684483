import { resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Type-checks files with the project's compiler settings (as `tsc` would) and returns the errors as text.
 * `sources` adds files held in memory (by path relative to the project), e.g. types generated in a test.
 */
export function typeErrors(files: readonly string[], sources: Readonly<Record<string, string>> = {}): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    resolve(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error('tsconfig.json could not be read');
  const options = { ...config.options, noEmit: true, sourceMap: false };
  const inMemory = new Map(Object.entries(sources).map(([path, text]) => [resolve(ROOT, path), text]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => inMemory.get(resolve(name)) ?? readFile(name);
  host.fileExists = (name) => inMemory.has(resolve(name)) || fileExists(name);
  host.getSourceFile = (name, language, onError, create) => {
    const text = inMemory.get(resolve(name));
    return text === undefined
      ? getSourceFile(name, language, onError, create)
      : ts.createSourceFile(name, text, language);
  };
  const program = ts.createProgram([...files.map((f) => resolve(ROOT, f)), ...inMemory.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? `${d.file.fileName.replace(`${ROOT}/`, '')}:${(where?.line ?? 0) + 1}: ` : '';
    return `${file}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
