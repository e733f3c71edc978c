import { CONDITION_FIELDS, CONDITION_GROUPS, CONDITION_VALUES, type ConditionId } from './intake.js';
import type { Rule, RuleEffect, RuleWhen, StepMatch } from './rules.js';

// docs/conditions.md, written from the rules file alone so it never drifts (scripts/conditions-doc.ts writes it,
// rules-doc.test.ts fails when the file and the rules disagree).

/** What each detail of a condition is, and its reading when the intake leaves it out (CATALOGUE.md). */
const FIELD_TEXT: Readonly<Record<string, string>> = {
  side: '`side` (left, right, both; left out: both)',
  severity: '`severity`',
  weeks: '`weeks`',
  region: '`region`',
  kind: '`kind`',
  isCleared: '`isCleared` (a doctor has cleared massage; left out: not cleared)',
  level: '`level` (lumbar, cervical; left out: both)',
  hasRedFlags: '`hasRedFlags` (left out: yes)',
  hasNeuropathy: '`hasNeuropathy` (numb feet; left out: yes)',
  isHighRisk: '`isHighRisk` (left out: yes)',
  lymphNodesRemovedSide: '`lymphNodesRemovedSide` (left, right, both)',
};

const CAUTIOUS: Readonly<Record<string, string>> = {
  'varicose-veins': 'left out: severe',
  'high-blood-pressure': 'left out: uncontrolled',
};

function fieldText(id: ConditionId, field: string): string {
  const values = CONDITION_VALUES[id]?.[field as 'severity' | 'kind' | 'region'];
  if (field === 'weeks') {
    if (id === 'pregnancy') return '`weeks` (required)';
    return '`weeks` (left out: counts as recent)';
  }
  if (field === 'region') {
    const required = id === 'local-lesion' || id === 'recent-surgery' ? 'required' : 'left out: either';
    return values && values.length < 5
      ? `\`region\` (${values.join(', ')}; ${required})`
      : `\`region\` (a region id; ${required})`;
  }
  if (field === 'kind') return `\`kind\` (${(values ?? []).join(', ')}; left out: any)`;
  if (field === 'severity') return `\`severity\` (${(values ?? []).join(', ')}; ${CAUTIOUS[id] ?? ''})`;
  return FIELD_TEXT[field] ?? `\`${field}\``;
}

function matchText(match: StepMatch | undefined): string {
  if (!match) return 'every step';
  const parts: string[] = [];
  if (match.ids) parts.push(match.ids.map((i) => `\`${i}\``).join(', '));
  if (match.techniques) parts.push(`${match.techniques.join(', ')} steps`);
  if (match.tags) parts.push(`steps tagged ${match.tags.join(', ')}`);
  if (match.regions) parts.push(`steps on ${match.regions.map((r) => `\`${r}\``).join(', ')}`);
  if (match.positions) parts.push(`every ${match.positions.join(', ')} step`);
  const side = match.side === 'condition' ? ' on the condition’s side' : '';
  return `${parts.join(', ') || 'every step'}${side}`;
}

function effectText(effect: RuleEffect): string {
  switch (effect.kind) {
    case 'refuse':
      return '**refuses the session**';
    case 'skip':
      return `skips ${matchText(effect.match)}`;
    case 'exclude-region': {
      const region = effect.region === 'condition' ? 'the condition’s region' : `\`${effect.region}\``;
      const side =
        effect.side === 'condition' ? ' on the condition’s side' : effect.side ? ` (${effect.side})` : '';
      return `nothing on ${region}${side}`;
    }
    case 'replace':
      return `replaces the safety cue of ${matchText(effect.match)}: “${effect.cue.en}”`;
    case 'soften': {
      const where = effect.region
        ? ` on \`${effect.region}\`${effect.side === 'condition' ? ' on that side' : ''}`
        : '';
      const which = effect.match ? ` for ${matchText(effect.match)}` : '';
      return `pressure at most ${effect.maxPressure}${where}${which}`;
    }
    case 'limit-reps':
      return `at most ${effect.maxReps} repetitions of ${matchText(effect.match)}`;
    case 'limit-position':
      return `${effect.position} at most ${effect.maxMinutes} minutes`;
    case 'warn':
      return effect.mustAcknowledge ? 'warns (to be acknowledged)' : 'warns';
  }
}

function whenText(when: RuleWhen): string {
  if ('always' in when) return 'always';
  if ('derived' in when) return `derived: \`${when.derived}\``;
  const parts: string[] = [];
  if (when.severity) parts.push(when.severity);
  if (when.weeksOver !== undefined) parts.push(`over ${when.weeksOver} weeks`);
  if (when.weeksUnder !== undefined) parts.push(`under ${when.weeksUnder} weeks (or not said)`);
  if (when.isCleared === true) parts.push('cleared');
  if (when.isCleared === false) parts.push('not cleared (or not said)');
  if (when.kinds) parts.push(`kind ${when.kinds.join(' or ')} (or not said)`);
  if (when.regions) parts.push(`on ${when.regions.map((r) => `\`${r}\``).join(' or ')}`);
  if (when.level) parts.push(`${when.level} (or level not said)`);
  if (when.hasRedFlags !== undefined)
    parts.push(when.hasRedFlags ? 'red flags (or not said)' : 'no red flags');
  if (when.hasNeuropathy !== undefined)
    parts.push(when.hasNeuropathy ? 'with neuropathy (or not said)' : 'without neuropathy');
  if (when.isHighRisk !== undefined)
    parts.push(when.isHighRisk ? 'high-risk (or not said)' : 'not high-risk');
  if (when.sideField) parts.push(`\`${when.sideField}\` given`);
  return parts.length > 0 ? parts.join(', ') : 'any';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function ruleRows(rules: readonly Rule[]): string[] {
  const rows = [
    '| rule | when | what it changes | why (as the plan says it) | source |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const rule of rules) {
    const effects = rule.effects.length > 0 ? rule.effects : null;
    const changes = effects ? effects.map(effectText).join('; ') : 'acts during the session';
    const reasons = effects ? [...new Set(effects.map((e) => e.reason.en))].join(' ') : rule.title.en;
    rows.push(
      `| \`${rule.id}\`: ${cell(rule.title.en)} | ${cell(whenText(rule.when))} | ${cell(changes)} | ${cell(reasons)} | ${cell(rule.source ?? '')} |`,
    );
  }
  return rows;
}

/** The Markdown of docs/conditions.md: every condition, what it changes and why, with its source, from the rules. */
export function conditionsDoc(rules: readonly Rule[], rulesFile: string): string {
  const out: string[] = [
    '# Conditions and the rules they fire',
    '',
    `<!-- Generated from ${rulesFile} by \`npm run docs:conditions\`; do not edit by hand (a test fails when it drifts). -->`,
    '',
    'Every condition an intake can report (`conditions: [{ "id": …, … }]`), the details it takes, and each rule it',
    'fires: what the rule changes in the plan, why (in the words the plan shows), and where the rule comes from.',
    'A detail left out takes the **cautious reading**: not cleared, the more severe reading, red flags, numb feet',
    'and high risk assumed, any kind and any level, unknown weeks counted as recent. When effects meet, the',
    'precedence is refuse > skip > exclude a region > replace > soften (the lowest cap wins) > warn.',
    '',
  ];
  const byCondition = (id: string) => rules.filter((r) => 'condition' in r.when && r.when.condition === id);
  for (const group of CONDITION_GROUPS) {
    out.push(`## ${group.title.en}`, '');
    for (const id of group.conditions) {
      const mine = byCondition(id);
      out.push(`### \`${id}\``, '');
      const fields = CONDITION_FIELDS[id];
      out.push(
        fields.length > 0 ? `Details: ${fields.map((f) => fieldText(id, f)).join('; ')}.` : 'Details: none.',
        '',
      );
      if (mine.length === 0) out.push('No rule fires for it yet.', '');
      else out.push(...ruleRows(mine), '');
    }
  }
  out.push('## Derived from the intake', '');
  out.push(
    'Not reported as conditions: the planner derives them from the client’s and the practitioner’s sizes and the',
    'client’s age (`client.ageYears`); the thresholds are options of the planner.',
    '',
    ...ruleRows(rules.filter((r) => 'derived' in r.when)),
    '',
  );
  out.push('## Always on', '', 'Rules of the seed that hold in every plan or every session.', '');
  out.push(...ruleRows(rules.filter((r) => 'always' in r.when)), '');
  return `${out.join('\n').trimEnd()}\n`;
}
