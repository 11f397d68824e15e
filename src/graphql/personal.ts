// Options of a personal field (birth date, ethnicity, card number, absence reason): LEADER and
// ADMIN read it; anyone else reads null, so the same query serves every role.
export const personal = {
  nullable: true,
  authScopes: { personalData: true },
  unauthorizedResolver: () => null,
} as const;
