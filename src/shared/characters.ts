/**
 * Characters no field keeps, whether typed in a form or read from a spreadsheet: control
 * characters (a Word document or PostgreSQL refuses them), U+FFFD (text already damaged),
 * non-characters and lone surrogates. Tabs and line breaks are for each caller to allow.
 */
export const forbiddenCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
