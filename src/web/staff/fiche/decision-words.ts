/** Who took or changed something, for the history; staff accounts are deactivated, not deleted, but a name can be missing. */
export function staffName(prenom: string | null, nom: string | null): string {
  return nom ? `${prenom} ${nom}` : 'Compte supprimé';
}
