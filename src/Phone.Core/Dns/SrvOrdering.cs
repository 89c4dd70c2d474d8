// Orders SRV records for trial: by priority, then weighted random within a priority (RFC 2782, "Usage rules").
namespace Phone.Core.Dns
{
    using System;

    /// <summary>RFC 2782 target selection, producing the whole try-order at once (for failover down the list).</summary>
    public static class SrvOrdering
    {
        /// <summary>
        /// Writes into <paramref name="order"/> the indices of records[0..count) in the order to try them and returns
        /// how many there are. A lone target of "." means the service is decidedly not available: returns 0.
        /// </summary>
        public static int Order(SrvRecord[] records, int count, Random random, int[] order)
        {
            if (count == 1 && (records[0].Target == null || records[0].Target.Length == 0 || records[0].Target == ".")) return 0;
            var remaining = new int[count];
            int remainingCount = 0;
            for (int i = 0; i < count; i++)
            {
                // Insertion by priority; within a priority, weight-0 records first, as RFC 2782 arranges them.
                int key = records[i].Priority;
                int j = remainingCount++;
                while (j > 0 && (records[remaining[j - 1]].Priority > key
                    || (records[remaining[j - 1]].Priority == key && records[remaining[j - 1]].Weight > 0 && records[i].Weight == 0)))
                {
                    remaining[j] = remaining[j - 1];
                    j--;
                }
                remaining[j] = i;
            }

            int written = 0;
            int groupStart = 0;
            while (groupStart < remainingCount)
            {
                int priority = records[remaining[groupStart]].Priority;
                int groupEnd = groupStart;
                while (groupEnd < remainingCount && records[remaining[groupEnd]].Priority == priority) groupEnd++;
                // Repeatedly choose within the group by running sum of weights until the group is used up.
                for (int left = groupEnd - groupStart; left > 0; left--)
                {
                    int sum = 0;
                    for (int k = groupStart; k < groupEnd; k++) if (remaining[k] >= 0) sum += records[remaining[k]].Weight;
                    int pick = random.Next(sum + 1); // uniform in 0..sum inclusive
                    int running = 0, chosen = -1;
                    for (int k = groupStart; k < groupEnd; k++)
                    {
                        if (remaining[k] < 0) continue;
                        running += records[remaining[k]].Weight;
                        if (running >= pick) { chosen = k; break; }
                    }
                    order[written++] = remaining[chosen];
                    remaining[chosen] = -1;
                }
                groupStart = groupEnd;
            }
            return written;
        }
    }
}
