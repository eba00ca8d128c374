import { createRequire } from 'node:module';

// jsdom ships no type declarations and @types/jsdom is not installed: only its DOMParser is needed.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: { DOMParser: typeof DOMParser } } };
const parser = new new JSDOM('').window.DOMParser();

/** Parses XML as strictly as a partner's parser would: a malformed document yields a <parsererror>. */
export const parseXml = (xml: string): Document => parser.parseFromString(xml, 'application/xml');
