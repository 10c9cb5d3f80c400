import type { Role } from '../../src/shared/roles.ts';
import type { TestClient } from '../helpers/client.ts';

/** What one matrix row needs: the ids of a world with two structures. */
export type Fixture = {
  structureId: string;
  /** A domicilié of the structure under test. */
  domicilieId: string;
  /** A staff member of the structure under test, target of account routes. */
  colleagueId: string;
  /** The valide decision of that domicilié. */
  decisionId: string;
};

export type RouteRule = {
  method: 'GET' | 'POST';
  path: (fixture: Fixture) => string;
  form?: (fixture: Fixture) => Record<string, string | string[]>;
  /** Roles that may use the route; the others get 403. */
  allowed: readonly Role[];
  /** The route names a record of the structure: staff of another structure get 404. */
  scoped?: boolean;
  /** 'portal' routes belong to the domicilié: everyone else is sent to the portal login. */
  audience?: 'staff' | 'portal';
  /**
   * Brings the world into the state the route needs, as the structure's administrateur, or as
   * the caller when the state belongs to whoever created it (it may be refused to the caller).
   */
  prepare?: (administrateur: TestClient, fixture: Fixture, caller: TestClient) => Promise<void>;
};
