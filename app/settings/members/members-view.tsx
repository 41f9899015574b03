"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { RoleGate, useMe, useRoleGate } from "@/components/auth/role-gate";
import { PageBody } from "@/components/shell/page-body";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDateTime } from "@/components/ui/format";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";

const ASSIGNABLE = ["viewer", "editor", "admin"] as const;

export function MembersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const admin = useRoleGate("admin");
  const members = useQuery(trpc.member.list.queryOptions());
  const invitations = useQuery({ ...trpc.member.invitations.queryOptions(), enabled: admin.allowed });
  const [role, setRole] = useState<(typeof ASSIGNABLE)[number]>("viewer");
  const [hours, setHours] = useState("72");
  const [link, setLink] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [["member"]] });
  const onError = (error: unknown) => toast.error(errorMessage(error));

  const invite = useMutation(
    trpc.member.invite.mutationOptions({
      onSuccess: ({ path }) => {
        setLink(`${window.location.origin}${path}`);
        void refresh();
      },
      onError,
    }),
  );
  const changeRole = useMutation(trpc.member.changeRole.mutationOptions({ onSuccess: () => void refresh(), onError }));
  const remove = useMutation(trpc.member.remove.mutationOptions({ onSuccess: () => void refresh(), onError }));
  const revoke = useMutation(trpc.member.revokeInvitation.mutationOptions({ onSuccess: () => void refresh(), onError }));
  const transfer = useMutation(
    trpc.workspace.transferOwnership.mutationOptions({ onSuccess: () => window.location.reload(), onError }),
  );

  return (
    <PageBody>
      <PageHeader title="Members" description="Who can read, edit, publish and administer this workspace." />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Invite by link</CardTitle>
          <CardDescription>Anyone with the link joins with the role you choose, once, until it expires.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <div className="flex flex-wrap items-end gap-3">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="invite-role">Role</Label>
              <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as (typeof ASSIGNABLE)[number])}>
                {ASSIGNABLE.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="invite-hours">Expires after (hours)</Label>
              <Input id="invite-hours" type="number" min={1} max={720} value={hours} onChange={(e) => setHours(e.target.value)} className="w-32" />
            </div>
            <RoleGate need="admin">
              {(disabled) => (
                <Button disabled={disabled || invite.isPending} onClick={() => invite.mutate({ role, expiresInHours: Number(hours) })}>
                  Create invitation link
                </Button>
              )}
            </RoleGate>
          </div>
          {link && (
            <div className="flex items-center gap-2 rounded-md border border-border bg-muted/40 px-3 py-2 text-sm">
              <code className="min-w-0 flex-1 truncate" data-testid="invitation-link">
                {link}
              </code>
              <CopyButton text={link} />
            </div>
          )}
        </CardContent>
      </Card>

      {members.isPending ? (
        <Loading what="members" />
      ) : members.isError ? (
        <LoadError message={errorMessage(members.error)} onRetry={() => void members.refetch()} />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Member</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Joined</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.data.map((member) => (
              <TableRow key={member.id}>
                <TableCell>
                  <div className="font-medium">{member.name}</div>
                  <div className="text-xs text-muted-foreground">{member.email}</div>
                </TableCell>
                <TableCell>
                  {member.role === "owner" ? (
                    "owner"
                  ) : (
                    <RoleGate need="admin">
                      {(disabled) => (
                        <Select
                          aria-label={`Role of ${member.email}`}
                          disabled={disabled}
                          value={member.role}
                          onChange={(e) => changeRole.mutate({ userId: member.id, role: e.target.value as (typeof ASSIGNABLE)[number] })}
                        >
                          {ASSIGNABLE.map((r) => (
                            <option key={r} value={r}>
                              {r}
                            </option>
                          ))}
                        </Select>
                      )}
                    </RoleGate>
                  )}
                </TableCell>
                <TableCell>{formatDateTime(member.joinedAt)}</TableCell>
                <TableCell className="text-right">
                  {member.role !== "owner" && (
                    <div className="flex justify-end gap-2">
                      {me?.role === "owner" && (
                        <Button variant="secondary" size="sm" onClick={() => transfer.mutate({ userId: member.id })}>
                          Make owner
                        </Button>
                      )}
                      <RoleGate need="admin">
                        {(disabled) => (
                          <Button variant="secondary" size="sm" disabled={disabled} onClick={() => remove.mutate({ userId: member.id })}>
                            Remove
                          </Button>
                        )}
                      </RoleGate>
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {admin.allowed && (invitations.data?.length ?? 0) > 0 && (
        <div className="mt-8">
          <h2 className="mb-2 text-sm font-semibold">Open invitations</h2>
          <Table>
            <TableBody>
              {invitations.data!.map((invitation) => (
                <TableRow key={invitation.id}>
                  <TableCell>{invitation.role}</TableCell>
                  <TableCell>expires {formatDateTime(invitation.expiresAt)}</TableCell>
                  <TableCell className="text-right">
                    <Button variant="secondary" size="sm" onClick={() => revoke.mutate({ id: invitation.id })}>
                      Revoke
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </PageBody>
  );
}
