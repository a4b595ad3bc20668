/** The shortest password the portal accepts (long passphrases over complexity rules, as NIST advises). */
export const MIN_PASSWORD_LENGTH = 10;
