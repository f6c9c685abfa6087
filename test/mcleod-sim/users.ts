/** The demo logins. Passwords are fake and only ever used against the simulator. */
export interface SimUser {
  userId: string;
  password: string;
  note: string;
}

export const simUsers: SimUser[] = [
  {
    userId: 'demo',
    password: 'demo',
    note: 'all roles; default company TMS, also TMS2 (a few prospects) via the CompanyID header',
  },
  { userId: 'jsmith', password: 'jsmith', note: 'salesperson JSMITH; a call list profile targets' },
  { userId: 'norole', password: 'norole', note: 'valid login without the CRM role: CRM calls 401' },
];

export interface SimUserProfile {
  name: string;
  email: string;
  salespersonId?: string;
  companies: string[];
  crmRole: boolean;
}

export const simUserProfiles: Record<string, SimUserProfile> = {
  demo: { name: 'Demo User', email: 'demo@example.com', companies: ['TMS', 'TMS2'], crmRole: true },
  jsmith: {
    name: 'John Smith',
    email: 'jsmith@example.com',
    salespersonId: 'JSMITH',
    companies: ['TMS'],
    crmRole: true,
  },
  norole: { name: 'No Role', email: 'norole@example.com', companies: ['TMS'], crmRole: false },
};
