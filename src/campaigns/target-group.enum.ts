import { registerEnumType } from '@nestjs/graphql';

/** Who an event is for: 一老一少一新 (elderly, young, new city residents) and the other groups of the contract. */
export enum TargetGroup {
  ELDERLY = 'ELDERLY',
  YOUTH = 'YOUTH',
  NEW_CITIZEN = 'NEW_CITIZEN',
  DISABLED = 'DISABLED',
  ETHNIC_MINORITY = 'ETHNIC_MINORITY',
  GENERAL = 'GENERAL',
}

registerEnumType(TargetGroup, { name: 'TargetGroup' });

/** Every group in the contract's order, which is also the order lists of groups are shown in. */
export const TARGET_GROUPS: readonly TargetGroup[] = Object.values(TargetGroup);

/** Sorts groups into the contract's order and drops repeats. */
export function sortTargetGroups(groups: Iterable<TargetGroup>): TargetGroup[] {
  const set = new Set(groups);
  return TARGET_GROUPS.filter((g) => set.has(g));
}
