/**
 * Levels and scopes of the four discipline-inspection levels (省, 州市, 县区, 乡镇), and how a
 * --scope text (a code, a name, or a path like 县›乡镇) is matched against the frame.
 */
import { SpotcheckError } from '../errors.js';
import { msg, type Message } from '../messages/render.js';
import type { Frame } from './frame.js';
import { closestNames, normalizeName } from './text.js';

export type Level = 'province' | 'prefecture' | 'county' | 'township';
export const LEVELS: readonly Level[] = ['province', 'prefecture', 'county', 'township'];

const LEVEL_NAMES: ReadonlyMap<string, Level> = new Map([
  ['province', 'province'],
  ['省', 'province'],
  ['省级', 'province'],
  ['prefecture', 'prefecture'],
  ['州市', 'prefecture'],
  ['市州', 'prefecture'],
  ['州', 'prefecture'],
  ['市', 'prefecture'],
  ['county', 'county'],
  ['县', 'county'],
  ['县区', 'county'],
  ['县级', 'county'],
  ['township', 'township'],
  ['乡镇', 'township'],
  ['乡', 'township'],
  ['镇', 'township'],
]);

export function parseLevel(text: string): Level {
  const level = LEVEL_NAMES.get(normalizeName(text).toLowerCase());
  if (!level) {
    throw new SpotcheckError('USAGE', msg('core.scope.levelInvalid', { got: text }));
  }
  return level;
}

/** A level's name, for a message (worded with it: in English, the level itself). */
export const levelName = (level: Level): Message => msg(`core.scope.level.${level}`);

/** The unit a draw is confined to; key "" at province level. */
export interface Scope {
  readonly level: Level;
  readonly key: string;
  readonly code: string | null;
  readonly name: string;
  /** Human-readable path, e.g. "红河哈尼族彝族自治州 › 元阳县". */
  readonly label: string;
}

interface Candidate {
  readonly key: string;
  readonly code: string | null;
  readonly name: string;
  readonly label: string;
  /** Texts that select this unit: code, name, path forms. */
  readonly matches: readonly string[];
  /** How to name it in a "closest names" hint, when not by its bare name. */
  readonly suggestion?: string;
}

function candidatesFor(frame: Frame, level: Exclude<Level, 'province'>): Candidate[] {
  const countyByKey = new Map(frame.counties.map((county) => [county.key, county]));
  if (level === 'prefecture') {
    const seen = new Map<string, Candidate>();
    for (const county of frame.counties) {
      if (!seen.has(county.prefectureCode)) {
        seen.set(county.prefectureCode, {
          key: county.prefectureCode,
          code: county.prefectureCode,
          name: county.prefecture,
          label: county.prefecture,
          matches: [county.prefectureCode, county.prefecture],
        });
      }
    }
    return [...seen.values()];
  }
  if (level === 'county') {
    return frame.counties.map((county) => ({
      key: county.key,
      code: county.code,
      name: county.name,
      label: `${county.prefecture} › ${county.name}`,
      matches: [county.code, county.name, `${county.prefecture}›${county.name}`],
    }));
  }
  return frame.townships.map((township) => {
    const county = countyByKey.get(township.countyKey);
    const countyName = county?.name ?? township.countyKey;
    return {
      key: township.key,
      code: township.code,
      name: township.name,
      label: `${county?.prefecture ?? ''} › ${countyName} › ${township.name}`,
      matches: [
        township.key,
        ...(township.code ? [township.code] : []),
        township.name,
        `${countyName}›${township.name}`,
        `${township.countyKey}›${township.name}`,
        `${county?.prefecture ?? ''}›${countyName}›${township.name}`,
      ],
      suggestion: `${countyName}›${township.name}`,
    };
  });
}

/** Folds the separators a user may type in a path (›, >, /, spaces) into "›". */
function scopeText(text: string): string {
  return normalizeName(text).replace(/\s*[›>/／]\s*/g, '›');
}

/**
 * Resolves --scope for a level: exact code, key, name or county›township path. An unknown scope is
 * a SCOPE error suggesting the closest names; an ambiguous name lists the candidates.
 */
export function resolveScope(frame: Frame, level: Level, text: string | null): Scope {
  if (level === 'province') {
    if (text !== null) {
      throw new SpotcheckError('USAGE', msg('core.scope.notAtProvince', { got: text }));
    }
    return { level, key: '', code: null, name: '', label: 'province' };
  }
  if (text === null || normalizeName(text) === '') {
    throw new SpotcheckError('USAGE', msg('core.scope.required', { level: levelName(level) }), {
      hint: msg('core.scope.requiredHint'),
    });
  }
  const wanted = scopeText(text);
  const candidates = candidatesFor(frame, level);
  const found = candidates.filter((candidate) => candidate.matches.some((match) => scopeText(match) === wanted));
  if (found.length === 1) {
    const { key, code, name, label } = found[0]!;
    return { level, key, code, name, label };
  }
  if (found.length > 1) {
    throw new SpotcheckError(
      'SCOPE',
      msg('core.scope.ambiguous', {
        scope: text,
        found: found.length,
        level: levelName(level),
        matches: found.map((c) => `${c.suggestion ?? c.label} (${c.code ?? c.key})`).join('; '),
      }),
      {
        hint: msg('core.scope.ambiguousHint'),
      },
    );
  }
  const wantedName = wanted.split('›').pop() ?? wanted;
  const bySuggestion = new Map(candidates.map((candidate) => [candidate.suggestion ?? candidate.name, candidate.name]));
  const suggestions = closestNames(wantedName, bySuggestion.values())
    .flatMap((name) =>
      [...bySuggestion].filter(([, candidateName]) => candidateName === name).map(([suggestion]) => suggestion),
    )
    .slice(0, 3);
  throw new SpotcheckError('SCOPE', msg('core.scope.notFound', { scope: text, level: levelName(level) }), {
    hint:
      suggestions.length > 0
        ? msg('core.scope.closestNames', { names: suggestions.join(', ') })
        : msg('core.scope.noUnits', { level: levelName(level) }),
  });
}
