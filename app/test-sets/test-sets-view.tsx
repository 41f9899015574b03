"use client";

import { useQuery } from "@tanstack/react-query";
import { FlaskConical } from "lucide-react";
import Link from "next/link";
import { PageBody } from "@/components/shell/page-body";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "../_trpc/client";
import { errorMessage } from "../_trpc/error-message";

export function TestSetsView() {
  const trpc = useTRPC();
  const sets = useQuery(trpc.testSet.list.queryOptions());
  return (
    <PageBody>
      <PageHeader title="Test sets" description="Questions saved from traces with their expected answers and citations, replayed on any pipeline version." />
      {sets.isPending ? (
        <Loading what="test sets" />
      ) : sets.error ? (
        <LoadError message={errorMessage(sets.error)} onRetry={() => sets.refetch()} />
      ) : sets.data.length === 0 ? (
        <EmptyState icon={FlaskConical} title="No test sets yet" description="Open a run's trace and choose “Save as test case”." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead className="text-right">Cases</TableHead>
              <TableHead>Created</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sets.data.map((set) => (
              <TableRow key={set.id} data-testid="test-set-row">
                <TableCell>
                  <Link href={`/test-sets/${set.id}`} className="font-medium text-primary hover:underline">
                    {set.name}
                  </Link>
                </TableCell>
                <TableCell className="text-right tabular-nums">{set.caseCount}</TableCell>
                <TableCell className="text-muted-foreground">{formatDateTime(set.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </PageBody>
  );
}
