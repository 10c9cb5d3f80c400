import type { ColumnType, Generated } from 'kysely';

/** A column the database fills by default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Dates (SQL `date`) travel as 'YYYY-MM-DD' strings: no time-zone surprises. */
type DateOnly = string;

export type Role = 'administrateur' | 'gestionnaire' | 'instructeur' | 'facteur';
export type StructureType = 'ccas' | 'cias' | 'association';
export type DomicilieStatus = 'instruction' | 'a_valider' | 'valide' | 'refuse' | 'radie';
export type CourrierType = 'courrier' | 'colis' | 'avis_passage';
export type CourrierEventKind = 'reception' | 'hand_out' | 'return_to_sender' | 'transfer' | 'visit' | 'call';

export interface StructuresTable {
  id: Generated<string>;
  name: string;
  type: StructureType;
  street: string;
  postcode: string;
  city: string;
  phone: string | null;
  email: string | null;
  opening_hours: string | null;
  timezone: Defaulted<string>;
  portal_enabled: Defaulted<boolean>;
  portal_login_updates_last_visit: Defaulted<boolean>;
  last_dossier_number: Defaulted<number>;
  created_at: Timestamp;
  responsable_nom: string | null;
  responsable_prenom: string | null;
  responsable_fonction: string | null;
  /** An association's agrément: the préfecture that granted it, its number and its last day. */
  agrement_prefecture: string | null;
  agrement_numero: string | null;
  agrement_fin: DateOnly | null;
  /** For a CCAS/CIAS of a commune divided in arrondissements. */
  commune_arrondissement: string | null;
  /** Several lines; only when mail goes elsewhere than the office address. */
  postal_address: string | null;
  /** The hour (0–23, structure's time zone) the day's mail notice goes; null = after the grouping delay (0073). */
  notification_hour: Defaulted<number | null>;
}

/** The logo printed at the head of the letters; not personal data (migration 0067). */
export interface StructureLogosTable {
  structure_id: string;
  content: Buffer;
  content_type: 'image/png' | 'image/jpeg';
  size: number;
  width: number;
  height: number;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface StaffUsersTable {
  id: Generated<string>;
  structure_id: string;
  email: string;
  nom: string;
  prenom: string;
  role: Role;
  password_hash: string | null;
  active: Defaulted<boolean>;
  activation_token_hash: string | null;
  activation_expires_at: Date | null;
  password_reset_by: string | null;
  password_reset_at: Date | null;
  password_reset_notice: Defaulted<boolean>;
  last_login_at: Date | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  kind: 'staff' | 'portal';
  subject_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  last_search: Record<string, string | number> | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  structure_id: string | null;
  actor_type: 'staff' | 'portal' | 'system' | 'anonymous';
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Defaulted<Record<string, unknown>>;
  created_at: Timestamp;
}

/** Written by triggers (migration 0052): one row per word of a domicilié's name. */
export interface DomicilieWordsTable {
  structure_id: string;
  word: string;
  search_text: string;
  domicilie_id: string;
}

/** Written by triggers (migration 0053): the distinct words of a structure's names. */
export interface StructureWordsTable {
  structure_id: string;
  word: string;
  people: number;
}

export interface DomiciliesTable {
  id: Generated<string>;
  structure_id: string;
  dossier_number: number;
  custom_ref: string | null;
  nom: string;
  prenom: string;
  surnom: string | null;
  sexe: 'femme' | 'homme' | 'autre' | null;
  birth_date: DateOnly;
  birth_place: string | null;
  nationality: string | null;
  language: string | null;
  phone: string | null;
  email: string | null;
  status: Defaulted<DomicilieStatus>;
  start_date: DateOnly | null;
  end_date: DateOnly | null;
  last_visit_at: Date | null;
  waiting_courrier: Defaulted<number>;
  waiting_colis: Defaulted<number>;
  waiting_avis_passage: Defaulted<number>;
  /** Given by an import; otherwise derived from the decisions (firstDomiciliationOn). */
  first_domiciliation_on: DateOnly | null;
  /** The import that created the record (migration 0068), null for a record typed at the desk. */
  import_id: Defaulted<string | null>;
  /** Consent to be told by e-mail / SMS, the day it was given (migration 0073); null = none. */
  notify_email_consent_at: Defaulted<Date | null>;
  notify_sms_consent_at: Defaulted<Date | null>;
  /** Switched off by the person from the portal; nothing is sent while set. */
  notify_paused_at: Defaulted<Date | null>;
  search_text: ColumnType<string, never, never>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AyantsDroitTable {
  id: Generated<string>;
  domicilie_id: string;
  nom: string;
  prenom: string;
  birth_date: DateOnly | null;
  lien: 'conjoint' | 'enfant' | 'parent' | 'autre';
}

export interface DecisionsTable {
  id: Generated<string>;
  structure_id: string;
  domicilie_id: string;
  status: DomicilieStatus;
  is_renewal: Defaulted<boolean>;
  start_date: DateOnly | null;
  end_date: DateOnly | null;
  motif: string | null;
  motif_text: string | null;
  orientation: string | null;
  orientation_code: OrientationCode | null;
  /** The day the decision was taken (the forms print it), distinct from when it was recorded. */
  decided_on: DateOnly;
  created_by: string | null;
  created_at: Timestamp;
  cancelled_at: Date | null;
  cancelled_by: string | null;
}

/** Where a refused person was sent (migration 0066). */
export type OrientationCode = 'CCAS_CIAS' | 'ORGANISME_AGREE' | 'SERVICE_SOCIAL' | 'AUTRE';

/** Each correction of a decision's day, with who made it and when. */
export interface DecisionDateChangesTable {
  id: Generated<string>;
  decision_id: string;
  structure_id: string;
  previous: DateOnly;
  new: DateOnly;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface ProcurationsTable {
  id: Generated<string>;
  structure_id: string;
  domicilie_id: string;
  nom: string;
  prenom: string;
  birth_date: DateOnly | null;
  start_date: DateOnly;
  end_date: DateOnly;
  created_by: string | null;
  created_at: Timestamp;
}

export interface TransfertsTable {
  id: Generated<string>;
  structure_id: string;
  domicilie_id: string;
  recipient_name: string;
  address: string;
  start_date: DateOnly;
  end_date: DateOnly;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CourrierEventsTable {
  id: Generated<string>;
  structure_id: string;
  domicilie_id: string;
  kind: CourrierEventKind;
  courrier: Defaulted<number>;
  colis: Defaulted<number>;
  avis_passage: Defaulted<number>;
  comment: string | null;
  recipient: 'domicilie' | 'mandataire' | null;
  procuration_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  undone_at: Date | null;
  undone_by: string | null;
}

export interface CourrierItemsTable {
  id: Generated<string>;
  structure_id: string;
  domicilie_id: string;
  reception_event_id: string;
  type: CourrierType;
  quantity: number;
  comment: string | null;
  received_at: Timestamp;
  released_event_id: string | null;
}

export interface PortalAccountsTable {
  id: Generated<string>;
  structure_id: string;
  domicilie_id: string;
  login: string;
  password_hash: string;
  password_is_temporary: Defaulted<boolean>;
  temporary_password_expires_at: Date | null;
  temporary_password_issued_at: Date | null;
  enabled: Defaulted<boolean>;
  last_login_at: Date | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PortalLoginsTable {
  id: Generated<string>;
  structure_id: string;
  domicilie_id: string;
  logged_in_at: Timestamp;
  counts_as_visit: Defaulted<boolean>;
}

export interface LoginFailuresTable {
  kind: 'staff' | 'portal';
  identifier_key: string;
  failures: number;
  window_start: Date;
  locked_until: Date | null;
}

export interface LoginAddressFailuresTable {
  address_key: string;
  minute: Date;
  failures: number;
}

export interface PortalDocumentsTable {
  id: Generated<string>;
  structure_id: string;
  portal_account_id: string;
  created_by: string | null;
  file_name: string;
  iv: Buffer;
  auth_tag: Buffer;
  ciphertext: Buffer;
  created_at: Timestamp;
  expires_at: Date;
}

export interface EntretiensTable {
  domicilie_id: string;
  structure_id: string;
  /** Codes of the official template; the domain (domain/entretien) knows their lists and labels. */
  composition_menage: string | null;
  lien_commune: string | null;
  lien_commune_autre: string | null;
  situation_residentielle: string | null;
  situation_residentielle_autre: string | null;
  cause_instabilite: string | null;
  cause_instabilite_autre: string | null;
  motif_demande: string | null;
  motif_demande_autre: string | null;
  accompagnement: boolean | null;
  accompagnement_par: string | null;
  situation_pro: string | null;
  situation_pro_autre: string | null;
  revenus: boolean | null;
  revenus_nature: string | null;
  orientation: boolean | null;
  orientation_par: string | null;
  domiciliation_existante: boolean | null;
  commentaires: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** A new e-mail given on the portal, waiting for its link to be opened (migration 0074). */
export interface EmailConfirmationsTable {
  id: Generated<string>;
  structure_id: string;
  domicilie_id: string;
  email: string;
  token_hash: string;
  expires_at: Date;
  confirmed_at: Date | null;
  replaced_at: Date | null;
  created_at: Timestamp;
}

export interface DB {
  structures: StructuresTable;
  structure_logos: StructureLogosTable;
  staff_users: StaffUsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  domicilies: DomiciliesTable;
  domicilie_words: DomicilieWordsTable;
  structure_words: StructureWordsTable;
  ayants_droit: AyantsDroitTable;
  decisions: DecisionsTable;
  decision_date_changes: DecisionDateChangesTable;
  procurations: ProcurationsTable;
  transferts: TransfertsTable;
  courrier_events: CourrierEventsTable;
  courrier_items: CourrierItemsTable;
  portal_accounts: PortalAccountsTable;
  portal_logins: PortalLoginsTable;
  portal_documents: PortalDocumentsTable;
  login_failures: LoginFailuresTable;
  login_address_failures: LoginAddressFailuresTable;
  entretiens: EntretiensTable;
  imports: ImportsTable;
  report_answers: ReportAnswersTable;
  notifications: NotificationsTable;
  email_confirmations: EmailConfirmationsTable;
  person_documents: PersonDocumentsTable;
  structure_messages: StructureMessagesTable;
  structure_tallies: StructureTalliesTable;
}

export type ImportState = 'checking' | 'refused' | 'ready' | 'writing' | 'done' | 'failed' | 'abandoned';

/** A spreadsheet import (migration 0068): the file only sealed, and only while the import needs it. */
export interface ImportsTable {
  id: Generated<string>;
  structure_id: string;
  created_by: string | null;
  file_name: string;
  file_size: number;
  sealed_iv: Buffer | null;
  sealed_tag: Buffer | null;
  sealed_file: Buffer | null;
  state: ImportState;
  progress_done: Defaulted<number>;
  progress_total: number | null;
  row_count: Defaulted<number>;
  problem_count: Defaulted<number>;
  problems: ColumnType<unknown, string | null | undefined, string | null>;
  summary: ColumnType<unknown, string | null | undefined, string | null>;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  failure: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Date | null;
}

/** The structure's own answers to the yearly questionnaire, one row per year (migration 0069). */
export interface ReportAnswersTable {
  structure_id: string;
  year: number;
  waiting_list: boolean | null;
  mean_waiting_days: number | null;
  /** numeric: travels as a string. */
  fte_staff: ColumnType<string | null, number | string | null, number | string | null>;
  fte_volunteers: ColumnType<string | null, number | string | null, number | string | null>;
  /** bigint: travels as a string. */
  staff_cost: ColumnType<string | null, number | string | null, number | string | null>;
  total_cost: ColumnType<string | null, number | string | null, number | string | null>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export type NotificationChannel = 'email' | 'sms';
export type NotificationKind = 'courrier' | 'echeance_proche' | 'echeance_passee' | 'confirmation_email';
export type NotificationState = 'en_attente' | 'envoyee' | 'echec' | 'annulee';

/** The durable outbox of messages to people (migration 0073, decision 0035). */
export interface NotificationsTable {
  id: Generated<string>;
  structure_id: string;
  domicilie_id: string;
  channel: NotificationChannel;
  kind: NotificationKind;
  /** One message per group: `courrier:<domicilie>:<day>:<channel>`, `echeance_proche:<domicilie>:<end>:<channel>`… */
  group_key: string;
  /** Only for a confirmation: the new, unconfirmed address; otherwise the record's, read at send time. */
  address: string | null;
  /** Only what the message needs beyond the record; erased once sent. */
  payload: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  state: Defaulted<NotificationState>;
  send_after: ColumnType<Date, Date | string, Date | string>;
  attempts: Defaulted<number>;
  next_attempt_at: ColumnType<Date, Date | string, Date | string>;
  /** A code (worded by the staff dictionary) and a short technical detail, never personal data. */
  last_error: string | null;
  sent_at: Date | null;
  created_at: Timestamp;
}

export type PersonDocumentType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** A person's document (migration 0071): its bytes only sealed, bound to the row (decision 0034). */
export interface PersonDocumentsTable {
  id: string;
  structure_id: string;
  domicilie_id: string;
  title: string;
  content_type: PersonDocumentType;
  size: number;
  sealed_iv: Buffer;
  sealed_tag: Buffer;
  sealed_content: Buffer;
  shared: Defaulted<boolean>;
  uploaded_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** « Messages aux domiciliés » (migration 0072): shown from start_date to end_date inclusive, days of the structure's time zone. */
export interface StructureMessagesTable {
  id: Generated<string>;
  structure_id: string;
  body: string;
  start_date: DateOnly;
  end_date: DateOnly;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Date | null;
}

/**
 * Differences of the staff home page's counts, appended by the database when a record changes
 * and folded by the housekeeping (migration 0070): a structure's figure is the sum of its rows.
 */
export interface StructureTalliesTable {
  id: Generated<string>;
  structure_id: string;
  valide: number;
  mail_people: number;
  /** bigint: travels as a string. */
  mail_items: ColumnType<string, number, number>;
}
