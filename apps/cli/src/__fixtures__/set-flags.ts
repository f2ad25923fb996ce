/** One `--set` flag per assignment: `setFlags('a=1', 'b=2')` is `--set a=1 --set b=2`. */
export function setFlags(...assignments: string[]): string[] {
  return assignments.flatMap((assignment) => ['--set', assignment])
}
