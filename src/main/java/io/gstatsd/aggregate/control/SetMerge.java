package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.SetMembers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The union of one interval's set members over every receiver's shard, by key id. Belongs to one interval. */
final class SetMerge {

    private final KeyRegistry registry;
    private MemberSet[] unions = new MemberSet[0];

    SetMerge(KeyRegistry registry) {
        this.registry = registry;
    }

    void add(Shard shard) {
        int n = registry.size();
        if (unions.length < n) {
            unions = Arrays.copyOf(unions, n);
        }
        for (int i = 0; i < shard.setsTouched.size(); i++) {
            int id = shard.setsTouched.get(i);
            if (unions[id] == null) {
                unions[id] = new MemberSet();
            }
            unions[id].addAll(shard.setMembers[id]);
        }
    }

    boolean touched(int id) {
        return id < unions.length && unions[id] != null;
    }

    /** Every set key, an idle one empty (a count of 0) unless {@code deleteIdle}. */
    List<SetMembers> sets(boolean deleteIdle) {
        String[] names = registry.names();
        List<SetMembers> result = new ArrayList<>(names.length);
        for (int id = 0; id < names.length; id++) {
            MemberSet members = id < unions.length ? unions[id] : null;
            if (names[id] == null) {
                continue;
            }
            if (members != null) {
                result.add(new SetMembers(names[id], members.toArray()));
            } else if (!deleteIdle) {
                result.add(new SetMembers(names[id], new long[0]));
            }
        }
        return result;
    }
}
