// What to do about a failure, in the operator's words (the CLI is English like its other
// output; the owner's page says the same through the ru/en catalogue).

const ADVICE: Record<string, string> = {
  wrong_password:
    'the repository password is wrong: put the password the repository was created with into ENAMEL_BACKUP_PASSWORD_FILE',
  repo_unreachable:
    'the repository cannot be reached: check the network, the backup server and its SSH key; local data is untouched and Enamel retries',
  no_space: 'the backup disk is full: free space there or move the repository, then back up again',
  locked:
    'the repository is locked by another restic process; a lock left by a crash is removed automatically after 30 minutes',
  repo_missing:
    'there is no repository at ENAMEL_BACKUP_REPOSITORY: check the setting, or create one with enamel backup init',
  incomplete: 'restic could not read some files, so the snapshot is incomplete',
  missing_paths: 'the snapshot lacks files Enamel put there; run the backup again',
  not_installed: 'restic is not installed (apt install restic)',
  busy: 'another backup is running; try again when it ends',
}

export function adviceFor(code: string): string | undefined {
  return ADVICE[code]
}

/** Hides credentials a repository string may carry (rest:https://user:secret@host/…). */
export function redactRepository(repository: string): string {
  return repository.replace(/(\/\/)[^/@\s]*@/, '$1***@')
}
