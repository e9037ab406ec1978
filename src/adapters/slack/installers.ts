// Who installed the Slack app in each workspace (issue 13, many workspaces): the person who pressed "Add to
// Slack" for a workspace (or for its Enterprise Grid org) is an admin of the coach THERE, besides
// COACH_ADMINS, so a team lead who adds the app can run admin commands in their own workspace and never in
// another one.
//
// isAdmin is asked synchronously, so the installer is remembered here, per workspace, from the
// installation each incoming request is authorized with (SlackOAuth.authorize runs before every command,
// action and view is handled, on whichever replica receives it). It is therefore always the installer of
// the installation now stored, never a stale one: a reinstall by someone else is seen by the next request.
// Nothing here decides anything on its own: an unknown workspace has no installer.

/** Workspaces remembered at most (the oldest are forgotten first; the next request notes them again). */
const MAX_WORKSPACES = 10_000;

export class Installers {
  private readonly byWorkspace = new Map<string, string>();

  /** Remembers that `user` installed the installation answering for `workspace` (undefined: nobody known). */
  note(workspace: string, user: string | undefined): void {
    if (!user) {
      this.byWorkspace.delete(workspace);
      return;
    }
    if (this.byWorkspace.get(workspace) === user) return;
    this.byWorkspace.delete(workspace);
    if (this.byWorkspace.size >= MAX_WORKSPACES) this.byWorkspace.delete(this.byWorkspace.keys().next().value!);
    this.byWorkspace.set(workspace, user);
  }

  /** Whether `user` installed the app for `workspace` (as its latest authorized request showed). */
  isInstaller(workspace: string, user: string): boolean {
    return this.byWorkspace.get(workspace) === user;
  }
}
