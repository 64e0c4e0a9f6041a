/**
 * Whether a deploy run needs to build: only scheduled and issue-event runs may be skipped, and
 * only when every input matches what the deployed site was built from. The reason is written for
 * the run's summary, so a skipped run says why and a built one says what changed.
 */
import { changedParts, type BuildInputPart, type BuildInputs } from './digest.ts';

/** Events that start runs on their own, mostly with nothing new; pushes and manual runs always build. */
export const skippableEvents: readonly string[] = ['schedule', 'issues', 'issue_comment', 'repository_dispatch'];

export interface BuildDecision {
  build: boolean;
  /** One line of markdown for `$GITHUB_STEP_SUMMARY`. */
  reason: string;
}

const partNames: Record<BuildInputPart, string> = {
  content: 'proposals',
  releases: 'release schedules',
  code: 'catalogue code',
  tracking: 'tracking data',
  configuration: 'configuration',
  date: 'date',
};

export interface DecisionInput {
  event: string;
  current: BuildInputs;
  /** What the deployed site was built from; undefined when it could not be read. */
  deployed: BuildInputs | undefined;
  /** Why `deployed` is missing (e.g. "HTTP 404 from https://…/build-inputs.json"). */
  deployedProblem?: string;
}

export function decideBuild({ event, current, deployed, deployedProblem }: DecisionInput): BuildDecision {
  const digest = `\`${current.digest.slice(0, 12)}\``;
  if (!deployed) {
    return {
      build: true,
      reason: `Building: what the deployed site was built from is unknown (${deployedProblem ?? 'no build-inputs.json'}); inputs ${digest}.`,
    };
  }
  const changed = changedParts(current, deployed);
  if (changed.length > 0) {
    return {
      build: true,
      reason: `Building: ${changed.map((part) => partNames[part]).join(', ')} changed since the deployed build; inputs ${digest}.`,
    };
  }
  if (!skippableEvents.includes(event)) {
    return {
      build: true,
      reason: `Building: nothing changed since the deployed build (inputs ${digest}), but \`${event}\` runs always build; only scheduled and issue-event runs are skipped.`,
    };
  }
  return {
    build: false,
    reason:
      `Skipped build and deploy: nothing changed since the deployed build. Proposals, release schedules, catalogue code, ` +
      `tracking data, configuration and date all match its build-inputs.json (inputs ${digest}), so this \`${event}\` run would publish the same site.`,
  };
}
