/**
 * What --out --force may replace and what no output may replace (src/io/drawDirectory.ts,
 * src/io/output.ts). Keys: safety.*.
 */
import type { MessageSection } from './section.js';

export const OUTPUT_SAFETY_MESSAGES = {
  'safety.out.special': {
    en: '--out names {what}, which holds no spotcheck draw: a draw is written only into a directory of its own',
    'zh-CN': '--out 指向{what}，其中没有 spotcheck 抽取结果：抽取结果只写入专用的目录',
  },
  'safety.out.specialHint': {
    en: 'nothing was changed; choose a new directory for the draw, e.g. --out draw-2026-11',
    'zh-CN': '未做任何改动；请为抽取结果另选一个新目录，如 --out draw-2026-11',
  },
  'safety.what.root': { en: 'the root directory /', 'zh-CN': '根目录 /' },
  'safety.what.home': { en: 'your home directory', 'zh-CN': '您的主目录' },
  'safety.what.cwd': { en: 'the current directory', 'zh-CN': '当前目录' },
  'safety.reason.noManifest': { en: 'there is no manifest.json', 'zh-CN': '其中没有 manifest.json' },
  'safety.reason.notManifest': {
    en: 'its manifest.json is not a spotcheck manifest',
    'zh-CN': '其中的 manifest.json 不是 spotcheck 抽取清单',
  },
  'safety.out.noDraw': {
    en: '--force replaces only a spotcheck draw, and this directory holds none ({reason}); it holds {entries} entries: {names}',
    'zh-CN': '--force 只替换 spotcheck 抽取结果，而此目录中没有抽取结果（{reason}）；其中有 {entries} 项：{names}',
  },
  'safety.out.noDrawHint': {
    en: 'nothing was changed; choose a new or empty --out directory',
    'zh-CN': '未做任何改动；请另选一个新的或空的 --out 目录',
  },
  'safety.out.foreign': {
    en: 'the directory holds a spotcheck draw and also {entries} entries that draw did not write: {names}',
    'zh-CN': '此目录中有 spotcheck 抽取结果，另有 {entries} 项不是该次抽取写出的：{names}',
  },
  'safety.out.foreignHint': {
    en: 'nothing was changed; --force replaces a draw directory as a whole and never other files: move them out of it, or choose another --out',
    'zh-CN': '未做任何改动；--force 整体替换抽取目录，从不替换其他文件：请先把它们移出该目录，或另选 --out',
  },
  'safety.out.inputInside': {
    en: '{input} is read by this draw and is part of the draw directory --force would replace',
    'zh-CN': '{input} 是本次抽取读取的文件，又属于 --force 将要替换的抽取目录',
  },
  'safety.out.inputInsideHint': {
    en: 'nothing was changed; write the new draw to another --out directory (an input is never replaced)',
    'zh-CN': '未做任何改动；请把新的抽取结果写到另一个 --out 目录（输入文件从不被替换）',
  },
  'safety.out.busy': {
    en: 'another spotcheck (process {pid}) is writing into this directory now',
    'zh-CN': '另一个 spotcheck（进程 {pid}）正在向此目录写入',
  },
  'safety.out.busyHint': {
    en: 'nothing was changed; wait for it to finish, or choose another --out',
    'zh-CN': '未做任何改动；请等它结束，或另选 --out',
  },
  'safety.out.parentNotWritable': {
    en: 'cannot replace the draw: its parent directory {parent} is not writable ({reason})',
    'zh-CN': '无法替换抽取结果：其上级目录 {parent} 不可写（{reason}）',
  },
  'safety.out.parentNotWritableHint': {
    en: 'nothing was changed; --force writes the new draw beside the old one and swaps them, so it needs to write in the parent directory: choose another --out',
    'zh-CN': '未做任何改动；--force 先在旧抽取结果旁写出新结果再互换，需要在上级目录中写入：请另选 --out',
  },
  'safety.file.isInput': {
    en: 'this file is read by the draw ({input}) and is never replaced by an output',
    'zh-CN': '此文件是本次抽取读取的文件（{input}），不会被输出文件替换',
  },
  'safety.file.isInputHint': {
    en: 'nothing was changed; choose another file name for the output',
    'zh-CN': '未做任何改动；请为输出文件另选文件名',
  },
} as const satisfies MessageSection;
