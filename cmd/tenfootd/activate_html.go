package main

// activateHTML is the activation page, sized for a phone first. It has no script:
// its Content-Security-Policy allows none.
const activateHTML = `<!doctype html>
<html lang="{{.W.Tag}}" dir="{{.W.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.W.T "title"}}</title>
<style>
  body { font: 18px/1.5 system-ui, sans-serif; background: #0e1015; color: #f2f4f8; margin: 0; display: grid; place-items: center; min-height: 100vh; }
  main { width: min(26rem, 92vw); padding: 1.5rem 0; }
  h1 { font-size: 1.6rem; line-height: 1.3; overflow-wrap: anywhere; }
  label { display: block; margin: 1rem 0 .3rem; color: #9aa3b5; }
  input { box-sizing: border-box; width: 100%; font: inherit; padding: .7rem; border-radius: .5rem; border: 1px solid #33394a; background: #1d212b; color: inherit; }
  input[name=code] { text-transform: uppercase; letter-spacing: .2em; font-size: 1.5rem; }
  button { margin-top: 1.4rem; width: 100%; font: inherit; font-weight: 600; padding: .8rem; border: 0; border-radius: .5rem; background: #2563eb; color: #fff; }
  button.secondary { margin-top: .8rem; background: transparent; color: #f2f4f8; border: 1px solid #4b5366; }
  .error { background: #4a1d1d; padding: .7rem; border-radius: .5rem; }
  .muted { color: #9aa3b5; }
  .code { margin: 1.2rem 0 .4rem; padding: .8rem; border-radius: .5rem; background: #1d212b; border: 1px solid #33394a;
          font: 700 2.4rem/1.2 ui-monospace, monospace; letter-spacing: .12em; text-align: center; }
  .check { margin-top: 0; text-align: center; font-weight: 600; }
  .warning { border-inline-start: 4px solid #f59e0b; padding-block: .2rem; padding-inline: .8rem 0; color: #d8dce6; font-size: .95rem; }
  .account { margin-top: 2rem; padding-top: 1rem; border-top: 1px solid #33394a; }
  .account p { margin: 0; overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
{{if .Done.Approved}}
  <h1>{{.W.T "approved"}}</h1>
  <p>{{.W.T "approvedHint"}}</p>
{{else if .Done.Denied}}
  <h1>{{.W.T "denied"}}</h1>
  <p>{{.W.T "deniedHint"}}</p>
{{else if .Pending}}{{with .Pending}}
  <h1>{{$.W.T "pending" "device" .Device.Name "kind" .Kind "name" .Account.DisplayName "email" .MaskedEmail}}</h1>
  <p class="muted"><time datetime="{{.Requested.UTC.Format "2006-01-02T15:04:05Z07:00"}}">{{$.W.T "asked" "kind" .Kind "ago" .AskedAgo "at" .AskedAt}}</time></p>
  <div class="code" aria-label="{{$.W.T "codeLabel" "code" .UserCode}}">{{.UserCode}}</div>
  <p class="check">{{$.W.T "check"}}</p>
  <p class="warning">{{$.W.T "warning"}}</p>
  <form method="post" action="/activate">
    <input type="hidden" name="csrf" value="{{$.CSRF}}">
    <input type="hidden" name="confirm" value="{{.Confirm}}">
    <input type="hidden" name="code" value="{{.UserCode}}">
    <button type="submit" name="action" value="approve">{{$.W.T "approve"}}</button>
    <button type="submit" name="action" value="deny" class="secondary">{{$.W.T "deny"}}</button>
  </form>
{{end}}{{else if .SignedIn}}
  <h1>{{.W.T "signInTV"}}</h1>
  <p>{{.W.T "enterCode"}}</p>
  {{if .Error}}<p class="error" role="alert">{{.Error}}</p>{{end}}
  <form method="get" action="/activate">
    <label for="code">{{.W.T "code"}}</label>
    <input id="code" name="code" value="{{.Code}}" autocomplete="one-time-code" autocapitalize="characters" required>
    <button type="submit">{{.W.T "continue"}}</button>
  </form>
{{else}}
  <h1>{{.W.T "signInToApprove"}}</h1>
  {{if .Error}}<p class="error" role="alert">{{.Error}}</p>{{end}}
  <form method="post" action="/activate/signin">
    <input type="hidden" name="csrf" value="{{.CSRF}}">
    <input type="hidden" name="code" value="{{.Code}}">
    <label for="email">{{.W.T "email"}}</label>
    <input id="email" name="email" type="email" autocomplete="username" required>
    <label for="password">{{.W.T "password"}}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">{{.W.T "signIn"}}</button>
  </form>
{{end}}
{{with .Account}}
  <div class="account">
    <p class="muted">{{$.W.T "signedInAs" "name" .Name "email" .MaskedEmail}}</p>
    <form method="post" action="/activate/signout">
      <input type="hidden" name="csrf" value="{{$.CSRF}}">
      <button type="submit" class="secondary">{{$.W.T "signOut"}}</button>
    </form>
  </div>
{{end}}
</main>
</body>
</html>`
