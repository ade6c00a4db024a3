/**
 * Runs the heaviest DynamoDB Local users first: DynamoDB Local slows down as stream records pile
 * up in its process (see the team's toolchain notes), and one instance serves the whole run.
 */
const Sequencer = require('@jest/test-sequencer').default;

// the volume tests write no stream records (their table has none); the stream readers follow
const FIRST = ['deposits-volume.test.ts', 'reminders.test.ts', 'soak.test.ts'];

class HeavyFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const index = FIRST.findIndex((name) => test.path.endsWith(name));
      return index === -1 ? FIRST.length : index;
    };
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}

module.exports = HeavyFirst;
