/** The built-in issuer's sign-in form: plain HTML in the GOV.UK style, no scripts. */
export function loginPage(action: string, error?: string): string {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in - EHCP Pathway Monitor</title>
<style>
body{font-family:Arial,sans-serif;margin:0;color:#0b0c0c}
header{background:#0b0c0c;color:#fff;padding:10px 30px;font-weight:bold;font-size:1.2rem}
main{max-width:30rem;margin:2rem auto;padding:0 1rem}
label{display:block;font-weight:bold;margin:1rem 0 .3rem}
input{font-size:1.1rem;padding:.4rem;width:100%;box-sizing:border-box;border:2px solid #0b0c0c}
input:focus,button:focus{outline:3px solid #fd0;outline-offset:0}
button{margin-top:1.5rem;font-size:1.1rem;background:#00703c;color:#fff;border:0;padding:.6rem 1rem;box-shadow:0 2px 0 #002d18;cursor:pointer}
.error{border-left:5px solid #d4351c;padding-left:1rem;color:#d4351c;font-weight:bold}
</style></head>
<body><header>EHCP Pathway Monitor</header>
<main><h1>Sign in</h1>
${error === undefined ? '' : `<p class="error" role="alert">${escape(error)}</p>`}
<form method="post" action="${escape(action)}" autocomplete="on">
<label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form></main></body></html>`;
}
