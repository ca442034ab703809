// The clinic CA: device and server certificates, CRLs and their files. A platform module:
// no routes, no database; callers record serials and decide who is revoked.
export { createCa, loadCa, saveCa } from './ca.js'
export { assertCrlFresh, buildCrl, readCrl, saveCrl, type CrlInfo } from './crl.js'
export { describeCert, type CertDescription } from './describe-cert.js'
export { issueDeviceCert, type DeviceCertOptions, type IssuedDeviceCert } from './device-cert.js'
export { pkiPaths, type PkiPaths } from './paths.js'
export { normalizeSerial } from './serial.js'
export { issueServerCert, saveServerCert } from './server-cert.js'
export { ZONES, type CaMaterial, type Zone } from './types.js'
