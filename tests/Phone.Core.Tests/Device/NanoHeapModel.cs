// Retained-heap model of nanoCLR: walks an object graph and sizes each object the way nanoCLR lays it out.
namespace Phone.Core.Tests.Device
{
    using System;
    using System.Collections.Generic;
    using System.Reflection;
    using System.Runtime.CompilerServices;
    using System.Text;

    /// <summary>
    /// nanoCLR keeps every managed object in 12-byte heap blocks (CLR_RT_HeapBlock on a 32-bit target): an object is
    /// one header block plus one block per instance field, whatever the field's type (an int, a bool and a reference
    /// all take a block); a struct-typed field points to a separate boxed instance (header + its fields); an array is
    /// CLR_RT_HeapBlock_Array (20 bytes) plus its elements packed at their natural size for numeric types and one
    /// 12-byte block per element for references and structs (each struct element also boxed), rounded up to whole
    /// blocks; a string created at run time is a header plus its UTF-8 bytes and a terminator, while a string literal
    /// is one block pointing at its text in the assembly (flash). Sizes from nf-interpreter src/CLR/Include/nanoCLR_Runtime__HeapBlock.h and
    /// CLR_RT_ExecutionEngine::ExtractHeapBlocksForArray. Only objects of the portable core (and the arrays, strings
    /// and delegates they hold) are followed: the device adapters' own buffers are counted from MemoryBudget.
    /// </summary>
    internal sealed class NanoHeapModel
    {
        private const int DelegateBytes = 36;

        // 12 and 20 on a 32-bit target (the ESP32); 24 and 32 on the 64-bit posix build the model was checked against.
        private readonly int Block;
        private readonly int ArrayHeader;

        private readonly Assembly _core;
        private readonly Assembly _alsoSized;
        private readonly HashSet<object> _seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        private readonly Stack<object> _todo = new Stack<object>();
        private readonly Dictionary<string, long> _byType = new Dictionary<string, long>();
        private readonly Dictionary<object, string> _via = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);

        /// <summary>Bytes per "OwnerType.field (type)" that first reached each object ("Owner.field[]" for
        /// an element of an array, "?" for the owners themselves), for the report.</summary>
        public readonly Dictionary<string, long> ByField = new Dictionary<string, long>();

        public NanoHeapModel(Assembly core) : this(core, null, 12)
        {
        }

        /// <summary>
        /// A model for heap blocks of <paramref name="blockBytes"/> (24 on a 64-bit nanoCLR), also sizing the objects of
        /// <paramref name="alsoSized"/> (a test's own shapes).
        /// </summary>
        public NanoHeapModel(Assembly core, Assembly alsoSized, int blockBytes)
        {
            _core = core;
            _alsoSized = alsoSized;
            Block = blockBytes;
            ArrayHeader = blockBytes + 8;   // sizeof(CLR_RT_HeapBlock_Array): a block + element count, type, size, flags
        }

        /// <summary>Bytes of every object reached so far.</summary>
        public long Total { get; private set; }

        /// <summary>Bytes per type name, for the report.</summary>
        public IReadOnlyDictionary<string, long> ByType => _byType;

        /// <summary>Adds the graph under <paramref name="root"/> (objects already counted are not counted again).</summary>
        public long Add(object root)
        {
            long before = Total;
            Push(root);
            while (_todo.Count > 0) Visit(_todo.Pop());
            return Total - before;
        }

        /// <summary>
        /// Marks owners whose graphs are counted separately: a walk from one owner stops at the others, so each
        /// object is charged to the first owner (in <paramref name="owners"/> order) that reaches it.
        /// </summary>
        public void SetOwners(object[] owners)
        {
            foreach (object o in owners) if (o != null) _seen.Add(o);
        }

        /// <summary>Counts the graph of an owner named in <see cref="SetOwners"/>.</summary>
        public long AddOwner(object owner)
        {
            long before = Total;
            if (owner != null) _todo.Push(owner);
            while (_todo.Count > 0) Visit(_todo.Pop());
            return Total - before;
        }

        /// <summary>Adds every static field of the core (the tables initialised by class constructors).</summary>
        public long AddCoreStatics()
        {
            long before = Total;
            foreach (Type t in _core.GetTypes())
            {
                if (t.IsGenericTypeDefinition) continue;
                RuntimeHelpers.RunClassConstructor(t.TypeHandle);
                foreach (FieldInfo f in t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (f.IsLiteral) continue;
                    object v = f.GetValue(null);
                    if (v != null && !f.FieldType.IsValueType) { Name(v, "static " + t.Name + "." + f.Name); Add(v); }
                }
            }
            return Total - before;
        }

        private void Push(object o)
        {
            if (o == null || !_seen.Add(o)) return;
            _todo.Push(o);
        }

        private void Visit(object o)
        {
            Type t = o.GetType();
            long size;
            if (o is string s)
            {
                // A literal's text stays in the assembly image (flash) on nanoCLR: ldstr allocates one CLR_RT_HeapBlock_String
                // that points at it (nf-interpreter CLR_RT_HeapBlock_String::CreateInstance(reference, token, assm)).
                size = ReferenceEquals(string.IsInterned(s), s) ? Block : Round(Block + Encoding.UTF8.GetByteCount(s) + 1);
            }
            else if (t.IsArray)
            {
                var a = (Array)o;
                Type e = t.GetElementType();
                int n = a.Length;
                if (e.IsPrimitive || e.IsEnum)
                {
                    size = Round(ArrayHeader + n * PrimitiveSize(e.IsEnum ? Enum.GetUnderlyingType(e) : e));
                }
                else
                {
                    size = Round(ArrayHeader + n * Block);
                    // Elements are charged to "Owner.field[]" of the array, so strings held in tables are named too.
                    string element = (_via.TryGetValue(o, out string arrayVia) ? arrayVia : "?") + "[]";
                    for (int i = 0; i < n; i++)
                    {
                        object item = a.GetValue(i);
                        if (e.IsValueType) size += StructBytes(e, item, element);
                        else { Name(item, element); Push(item); }
                    }
                }
            }
            else if (o is Delegate d)
            {
                size = DelegateBytes;
                Push(d.Target);
            }
            else if (t.Assembly == _core || t.Assembly == _alsoSized)
            {
                size = Block;
                foreach (FieldInfo f in InstanceFields(t))
                {
                    size += Block;
                    object v = f.GetValue(o);
                    if (f.FieldType.IsValueType && !f.FieldType.IsPrimitive && !f.FieldType.IsEnum) size += StructBytes(f.FieldType, v, t.Name + "." + f.Name);
                    else if (!f.FieldType.IsValueType) { Name(v, t.Name + "." + f.Name); Push(v); }
                }
            }
            else if (t == typeof(Random))
            {
                size = 2 * Block; // nanoFramework's Random: a header and one native-backed field
            }
            else if (t == typeof(object))
            {
                size = Block; // a lock object
            }
            else
            {
                return; // a host or test adapter: its device twin is counted from MemoryBudget
            }
            Total += size;
            string via = _via.TryGetValue(o, out string vv) ? vv : "?";
            string fk = via + " (" + (t.IsArray ? t.GetElementType().Name + "[]" : t.Name) + ")";
            ByField[fk] = (ByField.TryGetValue(fk, out long hf) ? hf : 0) + size;
            string key = t.IsArray ? t.GetElementType().Name + "[]" : t.Name;
            _byType[key] = (_byType.TryGetValue(key, out long had) ? had : 0) + size;
        }

        // The first path that reaches an object names it in the report.
        private void Name(object v, string via)
        {
            if (v != null && !_via.ContainsKey(v)) _via[v] = via;
        }

        // A boxed struct: header + one block per field, nested structs boxed again; references inside are followed
        // and named after the field that holds the struct ("Owner.field.inner").
        private long StructBytes(Type t, object boxed, string via)
        {
            long size = Block;
            foreach (FieldInfo f in InstanceFields(t))
            {
                size += Block;
                object v = boxed == null ? null : f.GetValue(boxed);
                if (f.FieldType.IsValueType && !f.FieldType.IsPrimitive && !f.FieldType.IsEnum) size += StructBytes(f.FieldType, v, via + "." + f.Name);
                else if (!f.FieldType.IsValueType) { Name(v, via + "." + f.Name); Push(v); }
            }
            return size;
        }

        private static IEnumerable<FieldInfo> InstanceFields(Type t)
        {
            for (Type c = t; c != null && c != typeof(object) && c != typeof(ValueType); c = c.BaseType)
            {
                foreach (FieldInfo f in c.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    yield return f;
                }
            }
        }

        private static int PrimitiveSize(Type e)
        {
            if (e == typeof(bool) || e == typeof(byte) || e == typeof(sbyte)) return 1;
            if (e == typeof(char) || e == typeof(short) || e == typeof(ushort)) return 2;
            if (e == typeof(int) || e == typeof(uint) || e == typeof(float)) return 4;
            return 8;
        }

        private long Round(long bytes) => (bytes + Block - 1) / Block * Block;
    }
}
