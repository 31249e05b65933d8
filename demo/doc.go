// Package demo is the demo of tenfoot: the household the app can be tried with and
// no server (Ana's and Sam's accounts, their profiles, Ana's other devices and
// downloads), the Catalog of invented titles the screens show, and the seeding that
// puts the household in an empty account service.
//
// Who uses it:
//
//   - the hosts (cmd/tenfoot natively, package wasm in a browser) open their device
//     with OpenDevice, on a tenfootd or on the embedded demo service, a kiosk TV or
//     not, and give the app Catalog;
//   - tenfootd seeds a new database with Seed (unless -demo=false);
//   - tenfootload signs its devices in as Ana, with AnaEmail and AnaPassword;
//   - tests sign in with AnaEmail and AnaPassword, open a seeded device with Open,
//     and check what the screens show of Catalog.
//
// Nothing below the hosts imports it: session, kiosk, screens and app know no
// account, title or password of the demo, and take what they show from their
// callers. The household's downloads and history name titles of Catalog by the same
// Go values the catalog is made of, not by matching strings.
package demo
