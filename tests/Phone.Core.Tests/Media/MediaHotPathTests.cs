// Every [HotPath] method of Phone.Core.Media is free of newobj/newarr/box and string building, read from its IL.
namespace Phone.Core.Tests.Media
{
    using System;
    using System.Collections.Generic;
    using System.Reflection;
    using System.Reflection.Emit;
    using Phone.Core;
    using Phone.Core.Media;

    public class MediaHotPathTests
    {
        private static readonly Dictionary<short, OpCode> OpCodesByValue = LoadOpCodes();

        private static Dictionary<short, OpCode> LoadOpCodes()
        {
            var d = new Dictionary<short, OpCode>();
            foreach (FieldInfo f in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var op = (OpCode)f.GetValue(null);
                d[op.Value] = op;
            }
            return d;
        }

        private static int OperandSize(OpCode op, byte[] il, int pos)
        {
            switch (op.OperandType)
            {
                case OperandType.InlineNone: return 0;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: return 1;
                case OperandType.InlineVar: return 2;
                case OperandType.InlineI8:
                case OperandType.InlineR: return 8;
                case OperandType.InlineSwitch: return 4 + 4 * BitConverter.ToInt32(il, pos);
                default: return 4;
            }
        }

        private static IEnumerable<string> Violations(MethodBase method)
        {
            byte[] il = method.GetMethodBody()?.GetILAsByteArray();
            if (il == null) yield break;
            int pos = 0;
            while (pos < il.Length)
            {
                short value = il[pos] == 0xFE ? (short)(0xFE00 | il[pos + 1]) : il[pos];
                OpCode op = OpCodesByValue[value];
                pos += op.Size;
                if (op == OpCodes.Newobj || op == OpCodes.Newarr || op == OpCodes.Box)
                    yield return method.DeclaringType.Name + "." + method.Name + ": " + op.Name;
                if (op == OpCodes.Call || op == OpCodes.Callvirt)
                {
                    MethodBase callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, pos),
                        method.DeclaringType.GetGenericArguments(), null);
                    if (callee.DeclaringType == typeof(string) && (callee.Name == "Concat" || callee.Name == "Format"))
                        yield return method.DeclaringType.Name + "." + method.Name + ": string." + callee.Name;
                }
                pos += OperandSize(op, il, pos);
            }
        }

        [Fact]
        public void HotPathMethodsAllocateNothing()
        {
            var found = new List<string>();
            int checkedMethods = 0;
            foreach (Type t in typeof(MediaSession).Assembly.GetTypes())
            {
                if (t.Namespace == null || !t.Namespace.StartsWith("Phone.Core.Media", StringComparison.Ordinal)) continue;
                const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
                    | BindingFlags.Static | BindingFlags.DeclaredOnly;
                foreach (MethodInfo m in t.GetMethods(all))
                {
                    if (m.GetCustomAttribute<HotPathAttribute>() == null) continue;
                    checkedMethods++;
                    found.AddRange(Violations(m));
                }
            }
            Assert.True(checkedMethods > 50, "checked " + checkedMethods);
            // The checker sees allocations where there are some: the jitter buffer's constructor allocates its slots.
            var slotsConstructor = typeof(Phone.Core.Media.Jitter.JitterBuffer).GetConstructor(new[] { typeof(int), typeof(int), typeof(short[]) });
            Assert.Contains(Violations(slotsConstructor), v => v.EndsWith("newarr"));
            Assert.Empty(found);
        }
    }
}
