"""API: the signed-in user's own profile."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from wijkteam.core.api import ErrorSerializer
from wijkteam.core.navigation import roles_of


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    team = serializers.CharField(allow_null=True)
    district = serializers.CharField(allow_null=True)


@extend_schema(
    responses={200: MeSerializer, 403: ErrorSerializer}, summary="The signed-in staff member"
)
@api_view(["GET"])
def me(request):
    user = request.user
    team = user.team
    data = {
        "username": user.username,
        "full_name": user.get_full_name(),
        "roles": sorted(role.value for role in roles_of(user)),
        "team": team.name if team else None,
        "district": team.district.code if team else None,
    }
    return Response(MeSerializer(data).data)
