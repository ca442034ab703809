export interface ResticVersion {
  major: number
  minor: number
  patch: number
  text: string
}

/** The oldest restic Enamel drives: Debian 12's 0.14 (JSON backup and ls, check subsets). */
export const MIN_VERSION = { major: 0, minor: 14, patch: 0 }

/** Parses `restic version` output ("restic 0.14.0 compiled with go1.19.8 on linux/amd64"). */
export function parseResticVersion(output: string): ResticVersion | undefined {
  const m = /restic\s+v?(\d+)\.(\d+)\.(\d+)/.exec(output)
  if (!m) return undefined
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    text: m[0].split(/\s+/)[1]!,
  }
}

export function atLeast(v: ResticVersion, min: { major: number; minor: number; patch: number }) {
  if (v.major !== min.major) return v.major > min.major
  if (v.minor !== min.minor) return v.minor > min.minor
  return v.patch >= min.patch
}

/**
 * What this restic can do beyond 0.14. 0.14 lacks: JSON for init, restore and check;
 * distinct exit codes for a wrong password or a missing repository (both exit 1);
 * `--retry-lock` (0.16). Enamel never depends on these, it only uses them when present.
 */
export function capabilities(v: ResticVersion) {
  return {
    retryLock: atLeast(v, { major: 0, minor: 16, patch: 0 }),
    distinctExitCodes: atLeast(v, { major: 0, minor: 17, patch: 1 }),
  }
}
