#!/usr/bin/env python3
"""Generates the zlib-stream golden fixtures (run once from this directory; outputs are committed).

One deflate stream (zlib format, level 6, Z_SYNC_FLUSH per payload) as a Discord gateway would send it.
manifest.txt lists the WebSocket messages in order, each with the payload file expected to be delivered
after it, or "-" when the message only accumulates.
"""
import zlib

payloads = [
    ("hello", '{"t":null,"s":null,"op":10,"d":{"heartbeat_interval":41250,'
              '"_trace":["[\\"gateway-prd-us-east1-b-0568\\",{\\"micros\\":0.0}]"]}}'),
    ("ready", '{"t":"READY","s":1,"op":0,"d":{"v":10,"user_settings":{},"user":{"verified":true,'
              '"username":"fixture-bot","mfa_enabled":false,"id":"1041234567890123456","global_name":null,'
              '"flags":0,"email":null,"discriminator":"1234","bot":true,"avatar":null},'
              '"session_type":"normal","session_id":"9c1a0f0e6a2b4c8d9e7f1a2b3c4d5e6f",'
              '"resume_gateway_url":"wss://gateway-us-east1-b.discord.gg","relationships":[],'
              '"private_channels":[],"presences":[],"guilds":[{"unavailable":true,"id":"1041234567890000001"},'
              '{"unavailable":true,"id":"1041234567890000002"},{"unavailable":true,"id":"1041234567890000003"}],'
              '"guild_join_requests":[],"geo_ordered_rtc_regions":["us-east","us-central","atlanta","us-south",'
              '"newark"],"auth":{},"application":{"id":"1041234567890123456","flags":565248},'
              '"_trace":["[\\"gateway-prd-us-east1-b-0568\\",{\\"micros\\":92830}]"],"shard":[0,1]}}'),
    ("guild-create", '{"t":"GUILD_CREATE","s":2,"op":0,"d":{"id":"1041234567890000001","name":"Fixture Guild",'
                     '"unavailable":false,"member_count":3,"large":false,"channels":['
                     + ",".join('{"id":"10412345678900001%02d","type":0,"name":"channel-%d","position":%d}'
                                % (i, i, i) for i in range(40))
                     + '],"roles":[],"members":[],"presences":[],"voice_states":[],"threads":[]}}'),
    ("message-create", '{"t":"MESSAGE_CREATE","s":3,"op":0,"d":{"type":0,"content":"hello from the fixture",'
                       '"channel_id":"1041234567890000100","author":{"username":"someone","id":"1041234567890000999"},'
                       '"id":"1041234567890005555","guild_id":"1041234567890000001"}}'),
    ("heartbeat-ack", '{"t":null,"s":null,"op":11,"d":null}'),
]

deflater = zlib.compressobj(6, zlib.DEFLATED, 15)
messages = []  # (frame bytes, payload name or None)
for name, text in payloads:
    compressed = deflater.compress(text.encode()) + deflater.flush(zlib.Z_SYNC_FLUSH)
    assert compressed.endswith(b"\x00\x00\xff\xff")
    with open(f"{name}.json", "w") as f:
        f.write(text)
    if name == "ready":  # split in three at fixed points
        cuts = [0, 37, 120, len(compressed)]
    elif name == "guild-create":  # split inside the 00 00 FF FF suffix
        cuts = [0, len(compressed) - 2, len(compressed)]
    elif name == "message-create":  # the suffix alone in the last frame
        cuts = [0, len(compressed) - 4, len(compressed)]
    else:
        cuts = [0, len(compressed)]
    parts = [compressed[a:b] for a, b in zip(cuts, cuts[1:])]
    for i, part in enumerate(parts):
        messages.append((part, name if i == len(parts) - 1 else None))

with open("manifest.txt", "w") as manifest:
    for index, (frame, name) in enumerate(messages, start=1):
        frame_name = f"frame-{index:02d}.bin"
        with open(frame_name, "wb") as f:
            f.write(frame)
        manifest.write(f"{frame_name} {name + '.json' if name else '-'}\n")
