/** The shape of one section of the message catalogue: a key, its English and its Chinese. */
export type Lang = 'en' | 'zh-CN';
export type MessageSection = Readonly<Record<string, Readonly<Record<Lang, string>>>>;
